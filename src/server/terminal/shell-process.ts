/**
 * What a terminal session runs: in solo mode a local login shell on a pty (local-shell.ts); in
 * workshop mode this is where a sandbox container's shell plugs in instead. Everything above this
 * interface (viewers, replay, flow control) stays the same.
 */
export interface ShellProcess {
  /** Bytes the shell wrote, exactly as read from the pty (a UTF-8 character may be split). */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** The shell ended by itself; `code` is -1 when a signal ended it. */
  onExit(listener: (code: number) => void): void;
  write(data: Uint8Array): void;
  /** Input bytes written but not yet taken by the shell's terminal (a shell that does not read). */
  pendingInput?(): number;
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

export type SpawnShell = (size: ShellSize) => ShellProcess;
