import { Worker } from 'node:worker_threads';
import { ModeScanner } from './mode-scanner.ts';
import { RawBacklog, replayStart } from './raw-backlog.ts';
import type { MirrorEnvelope, MirrorReply, MirrorRequest } from './screen-mirror-worker.ts';

/**
 * The one worker thread that holds every session's headless terminal, started with the first
 * mirror and ended with the last. A worker each cost about 25 MiB per session (a V8 isolate with
 * xterm loaded); parsing is lazy (below), so one thread keeps up with a room of shells.
 */
const shared = {
  worker: undefined as Worker | undefined,
  mirrors: new Map<number, (reply: MirrorReply) => void>(),
  nextId: 1,
};

function sharedWorker(): Worker {
  if (shared.worker) return shared.worker;
  const worker = new Worker(new URL('./screen-mirror-worker.ts', import.meta.url));
  worker.unref();
  worker.on('message', (reply: MirrorReply) => shared.mirrors.get(reply.id)?.(reply));
  worker.on('error', (error) => console.error('The terminal screen mirror failed:', error));
  worker.on('exit', () => {
    if (shared.worker === worker) shared.worker = undefined;
  });
  return (shared.worker = worker);
}

export interface ScreenMirrorOptions {
  cols: number;
  rows: number;
  scrollback: number;
  /** Unparsed output kept at most; beyond it the oldest is dropped (see RawBacklog). */
  backlogBytes: number;
  /** Output is parsed once none has come for this long (or when a snapshot is asked for). */
  idleMs?: number;
  onTitle(title: string): void;
}

/**
 * A headless xterm that follows what the shell prints, so a browser that (re)attaches gets the
 * current screen and scrollback as one snapshot (VS Code's approach). Unlike a raw byte ring
 * buffer, a snapshot never starts in the middle of an escape sequence.
 *
 * Parsing every byte costs about as much CPU as reading it, which halved the terminal's
 * throughput, so output is parsed lazily: it waits in a bounded backlog and is parsed when the
 * shell goes quiet, when the screen size changes, or when a tab needs a snapshot. In normal use
 * that is everything, and the replay is exact. During a flood bigger than the backlog the oldest
 * unparsed output is dropped and the mirror starts over (same size, modes carried over) from a
 * line start in what is left; only the last screen and scrollback's worth of lines is parsed.
 * The replay then shows the end of the flood, as a terminal that scrolled it past would.
 * The terminal runs on a worker thread shared by every session (screen-mirror-worker.ts).
 */
export class ScreenMirror {
  readonly #worker: Worker;
  readonly #id = shared.nextId++;
  readonly #backlog: RawBacklog;
  readonly #scanner = new ModeScanner();
  readonly #scrollback: number;
  readonly #idleMs: number;
  #rows: number;
  #snapshots = new Map<number, (screen: string) => void>();
  #nextSnapshot = 1;
  /** Whether the terminal was given anything at all: until then its snapshot is empty. */
  #fed = false;
  #idleTimer: NodeJS.Timeout | undefined;
  #lastWriteAt = 0;

  constructor(options: ScreenMirrorOptions) {
    this.#rows = options.rows;
    this.#scrollback = options.scrollback;
    this.#idleMs = options.idleMs ?? 50;
    // Output dropped unparsed still switched modes (alternate screen, cursor, bracketed paste…).
    this.#backlog = new RawBacklog(options.backlogBytes, (chunk) => this.#scanner.scan(chunk));
    const { cols, rows, scrollback } = options;
    this.#worker = sharedWorker();
    shared.mirrors.set(this.#id, (reply) => {
      if ('title' in reply) options.onTitle(reply.title);
      else {
        this.#snapshots.get(reply.snapshot)?.(reply.screen);
        this.#snapshots.delete(reply.snapshot);
      }
    });
    this.#post({ open: { cols, rows, scrollback } });
  }

  /** Output not parsed yet (at most about the backlog bound). */
  get backlogBytes() {
    return this.#backlog.bytes;
  }

  write(chunk: Uint8Array) {
    this.#backlog.push(chunk);
    this.#lastWriteAt = performance.now();
    // One timer per quiet spell, not one per write: a flood must cost next to nothing here.
    this.#idleTimer ??= setTimeout(() => this.#whenIdle(), this.#idleMs).unref();
  }

  resize(cols: number, rows: number) {
    // Output before the resize is parsed at the old size, as a terminal would have shown it.
    this.#feed();
    this.#rows = rows;
    this.#post({ resize: [cols, rows] });
  }

  /** The screen as of everything written before this call, and nothing written after it. */
  snapshot(): Promise<string> {
    this.#feed();
    // A new shell's first tab need not wait for the worker to start (slow on a busy machine).
    if (!this.#fed) return Promise.resolve('');
    const id = this.#nextSnapshot++;
    return new Promise((resolve) => {
      this.#snapshots.set(id, resolve);
      this.#post({ snapshot: id });
    });
  }

  /** The visible screen as plain text, as of everything written before this call. */
  text(): Promise<string> {
    this.#feed();
    if (!this.#fed) return Promise.resolve('');
    const id = this.#nextSnapshot++;
    return new Promise((resolve) => {
      this.#snapshots.set(id, resolve);
      this.#post({ text: id });
    });
  }

  dispose() {
    clearTimeout(this.#idleTimer);
    if (!shared.mirrors.delete(this.#id)) return;
    this.#post({ close: true });
    // The last mirror gone: the thread goes too, and the next session starts a fresh one.
    if (shared.mirrors.size === 0 && shared.worker === this.#worker) {
      shared.worker = undefined;
      void this.#worker.terminate();
    }
  }

  #whenIdle() {
    const quietFor = performance.now() - this.#lastWriteAt;
    if (quietFor < this.#idleMs) {
      this.#idleTimer = setTimeout(() => this.#whenIdle(), this.#idleMs - quietFor).unref();
      return;
    }
    this.#feed();
  }

  /** Hands the backlog to the terminal. */
  #feed() {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    if (this.#backlog.bytes === 0) return;
    const { data, dropped } = this.#backlog.take();
    let request: MirrorRequest = { write: data };
    if (dropped) {
      const start = replayStart(data, this.#rows + this.#scrollback);
      this.#scanner.scan(data.subarray(0, start));
      request = { write: data.subarray(start), restart: this.#scanner.take() };
    }
    this.#fed = true;
    this.#worker.postMessage({ id: this.#id, request } satisfies MirrorEnvelope, [data.buffer]);
  }

  #post(request: MirrorRequest) {
    this.#worker.postMessage({ id: this.#id, request } satisfies MirrorEnvelope);
  }
}
