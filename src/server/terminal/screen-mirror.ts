import { Worker } from 'node:worker_threads';
import type { MirrorReply, MirrorRequest } from './screen-mirror-worker.ts';

/**
 * A headless xterm that parses everything the shell prints, so a browser that (re)attaches gets
 * the current screen and scrollback as one snapshot (VS Code's approach). Unlike a raw byte ring
 * buffer, a snapshot never starts in the middle of an escape sequence. The terminal runs on a
 * worker thread (screen-mirror-worker.ts) so parsing runs beside sending, not before it.
 */
export class ScreenMirror {
  /** Bytes written but not yet parsed: the session pauses the shell while this is high. */
  pendingBytes = 0;
  #worker: Worker;
  #snapshots = new Map<number, (screen: string) => void>();
  #nextSnapshot = 1;

  constructor(cols: number, rows: number, scrollback: number, handlers: { parsed(): void; title(title: string): void }) {
    this.#worker = new Worker(new URL('./screen-mirror-worker.ts', import.meta.url), { workerData: { cols, rows, scrollback } });
    this.#worker.unref();
    this.#worker.on('message', (reply: MirrorReply) => {
      if ('parsed' in reply) {
        this.pendingBytes -= reply.parsed;
        handlers.parsed();
      } else if ('title' in reply) handlers.title(reply.title);
      else {
        this.#snapshots.get(reply.snapshot)?.(reply.screen);
        this.#snapshots.delete(reply.snapshot);
      }
    });
    this.#worker.on('error', (error) => console.error('The terminal screen mirror failed:', error));
  }

  write(chunk: Uint8Array) {
    this.pendingBytes += chunk.byteLength;
    this.#post({ write: chunk });
  }

  resize(cols: number, rows: number) {
    this.#post({ resize: [cols, rows] });
  }

  /** The screen as of everything written before this call, and nothing written after it. */
  snapshot(): Promise<string> {
    const id = this.#nextSnapshot++;
    return new Promise((resolve) => {
      this.#snapshots.set(id, resolve);
      this.#post({ snapshot: id });
    });
  }

  dispose() {
    void this.#worker.terminate();
  }

  #post(request: MirrorRequest) {
    this.#worker.postMessage(request);
  }
}
