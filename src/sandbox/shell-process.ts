/**
 * An interactive shell on a terminal, wherever it runs: a login shell on a local pty
 * (local-shell.ts), or an exec into a learner's sandbox container or Pod. The terminal session
 * above it (viewers, replay, flow control) is the same for all of them.
 */
export interface ShellProcess {
  /** Bytes the shell wrote, exactly as read from the pty (a UTF-8 character may be split). */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** The shell ended by itself; `code` is -1 when a signal ended it. */
  onExit(listener: (code: number) => void): void;
  write(data: Uint8Array): void;
  resize(cols: number, rows: number): void;
  /** Stops reading output; once the pty's buffer fills, the program blocks in write(). */
  pause(): void;
  resume(): void;
  /** Ends the shell and every process it started; resolves once they are gone. */
  kill(): Promise<void>;
}

export interface ShellSize {
  cols: number;
  rows: number;
}
