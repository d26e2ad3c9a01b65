import { AckRate } from './ack-rate.ts';
import type { ShellProcess, ShellSize } from '../../sandbox/shell-process.ts';
import { clampSize, closeReason, CloseCode, frame, i32, ServerOp, type Role } from '../../shared/terminal-protocol.ts';
import { ScreenMirror } from './screen-mirror.ts';

/** One connected browser tab as the session sees it: it may be the owner's or a read-only viewer's. */
export interface Viewer {
  readonly role: Role;
  send(frame: Uint8Array): void;
  /** Bytes queued in the socket that the kernel has not taken yet. */
  bufferedAmount(): number;
  close(code: number, reason: string): void;
}

/** What a connection can do with the session; input and resize from a viewer are dropped here. */
export interface Attachment {
  input(data: Uint8Array): void;
  resize(cols: number, rows: number): void;
  ack(bytes: number): void;
  detach(): void;
}

/** Flow-control figures, in bytes (shared/reference/terminal.md §2). */
export interface FlowLimits {
  /** Pause the shell when the pacing tab has this much output it has not acked… */
  high: number;
  /** …and resume below this. The browser acks every `high - low` bytes or less. */
  low: number;
  /** Socket bytes not yet taken by the kernel: a second, coarser signal. */
  bufferedHigh: number;
  bufferedLow: number;
  /** Unparsed output the replay mirror keeps during a flood; beyond it the oldest is dropped. */
  mirrorBacklog: number;
  /** A non-pacing tab this far behind stops getting output and is resynchronised with a snapshot. */
  viewerBehind: number;
  /** The pacing tab is closed when it has not acked anything for this long while the shell waits. */
  stallMs: number;
  /** Output is sent in messages of at most about this many bytes… */
  batchBytes: number;
  /**
   * …coalesced for this long when it streams (a program printing on its own), and only until
   * the next turn of the event loop when it answers a keystroke, so an echo is never held back.
   */
  batchMs: number;
  /**
   * A pacing tab whose acks show it parses fast may be owed this many milliseconds of its own
   * parsing instead: `high`, `low`, `batchBytes` (and `batchMs`, at most fourfold) grow by the
   * same factor, up to `maxHigh`. A slow browser keeps the figures above, so Ctrl-C stays prompt
   * for it, while a fast one gets fewer, larger messages: each message costs a send, a wake-up
   * of the browser and an ack, and those, not the bytes, held a flood to two thirds of the pty's
   * speed on two cores.
   */
  inFlightMs: number;
  maxHigh: number;
  /**
   * Input waiting for a shell that does not read it (a paste while a program holds stdin). Beyond
   * this, input is dropped and the tab is told, so nothing grows without limit in the server.
   */
  inputQueue: number;
}

export const defaultFlowLimits: FlowLimits = {
  high: 256 * 1024,
  low: 64 * 1024,
  bufferedHigh: 1024 * 1024,
  bufferedLow: 256 * 1024,
  mirrorBacklog: 4 * 1024 * 1024,
  viewerBehind: 2 * 1024 * 1024,
  stallMs: 30_000,
  // Measured with bench/terminal-throughput.ts: 64 KiB keeps four messages within the high
  // watermark, so the browser's acks come back while the next ones are on their way.
  batchBytes: 64 * 1024,
  batchMs: 2,
  inFlightMs: 40,
  maxHigh: 4 * 1024 * 1024,
  inputQueue: 1024 * 1024,
};

/** Keystrokes typed while the shell is still starting are kept up to this many bytes, then dropped. */
export const startingInputLimit = 64 * 1024;

export interface SessionOptions {
  size: ShellSize;
  /** Opens the shell (a sandbox may take a while); a rejection's message is shown to every tab. */
  openShell: (size: ShellSize) => Promise<ShellProcess>;
  /** End the session when no tab has been attached for this long. */
  idleMs: number;
  scrollback?: number;
  limits?: Partial<FlowLimits>;
  onEnd?: () => void;
}

type AttachmentState = 'replaying' | 'live' | 'behind';

interface Link {
  viewer: Viewer;
  state: AttachmentState;
  /** Output bytes sent and not yet acked. */
  unacked: number;
  /** Output that arrived while a snapshot was being taken, sent right after it. */
  queued: Uint8Array[];
  /** Payload bytes in `queued`: owed to the tab as surely as `unacked`, so they count for pausing. */
  queuedBytes: number;
  lastAckAt: number;
  ackRate: AckRate;
}

/**
 * A shell with any number of tabs attached. Every tab gets the output; a (re)attaching tab first
 * gets a snapshot of the screen between replay-begin and replay-end. Only one tab paces the shell:
 * the owner's tab that attached or typed last. Any other tab that falls behind stops getting
 * output until it has caught up and then gets a fresh snapshot, so a slow or hidden tab never
 * stalls the learner's shell.
 */
export class TerminalSession {
  /** Undefined while the shell is starting: tabs attach, see an empty screen, and their typing waits. */
  #shell: ShellProcess | undefined;
  /** The shell once open, or undefined when opening failed or the session ended first. */
  readonly #opened: Promise<ShellProcess | undefined>;
  /** Input typed while starting, written once the shell is open. */
  #early: Uint8Array[] = [];
  #earlyBytes = 0;
  /** The size the shell should have: the last resize, which may come while it is starting. */
  #size: ShellSize;
  readonly #mirror: ScreenMirror;
  readonly #limits: FlowLimits;
  readonly #links = new Set<Link>();
  readonly #options: SessionOptions;
  #pacer: Link | undefined;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #flushTimer: NodeJS.Timeout | undefined;
  #flushImmediate: NodeJS.Immediate | undefined;
  /** A keystroke went to the shell since the last flush: its answer is sent at once. */
  #answering = false;
  #paused = false;
  /** Input was dropped and the tab told; reset once the shell has read half of what waits. */
  #inputDropped = false;
  /** How much the flow limits are scaled for the pacing tab (1 for a slow or new tab). */
  #scale = 1;
  #pollTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #title = '';
  #ended = false;
  #exitCode: number | undefined;

  constructor(options: SessionOptions) {
    this.#options = options;
    this.#limits = { ...defaultFlowLimits, ...options.limits };
    const size = clampSize(options.size.cols, options.size.rows);
    this.#mirror = new ScreenMirror({
      ...size,
      scrollback: options.scrollback ?? 2000,
      backlogBytes: this.#limits.mirrorBacklog,
      onTitle: (title) => {
        this.#title = title;
        this.#broadcast(frame(ServerOp.title, new TextEncoder().encode(title)));
      },
    });
    this.#size = size;
    this.#opened = this.#open(size);
    this.#startIdleTimer();
  }

  async #open(size: ShellSize): Promise<ShellProcess | undefined> {
    let shell: ShellProcess;
    try {
      shell = await this.#options.openShell(size);
    } catch (error) {
      this.#failed(error);
      return undefined;
    }
    if (this.#ended) {
      // Killed (or idle) while it was starting: nobody wants this shell any more.
      await shell.kill();
      return undefined;
    }
    this.#shell = shell;
    shell.onData((chunk) => this.#output(chunk));
    shell.onExit((code) => this.#exited(code));
    if (this.#size.cols !== size.cols || this.#size.rows !== size.rows) shell.resize(this.#size.cols, this.#size.rows);
    if (this.#paused) shell.pause();
    const early = this.#early;
    this.#early = [];
    this.#earlyBytes = 0;
    for (const data of early) this.write(data);
    return shell;
  }

  /** The shell could not be opened: every tab is told why, and the next hello starts a new session. */
  #failed(error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    console.error('Could not start a shell:', message);
    this.#end();
    for (const link of this.#links) link.viewer.close(CloseCode.shellFailed, closeReason(message));
    this.#links.clear();
  }

  /** True until the shell is open (or failed to open). */
  get starting() {
    return !this.#shell && !this.#ended;
  }

  get ended() {
    return this.#ended;
  }

  /** The visible screen as plain text (a raised hand attaches it); empty before any output. */
  screenText(): Promise<string> {
    return this.#ended ? Promise.resolve('') : this.#mirror.text();
  }

  get viewerCount() {
    return this.#links.size;
  }

  /** Connects a tab. The tab gets its role, then the current screen, then live output. */
  attach(viewer: Viewer, size?: ShellSize): Attachment {
    clearTimeout(this.#idleTimer);
    const link: Link = { viewer, state: 'replaying', unacked: 0, queued: [], queuedBytes: 0, lastAckAt: Date.now(), ackRate: new AckRate() };
    this.#links.add(link);
    viewer.send(frame(ServerOp.role, new TextEncoder().encode(viewer.role)));
    if (viewer.role === 'owner') {
      this.#setPacer(link);
      if (size) this.resize(size.cols, size.rows);
    }
    this.#replay(link);
    return {
      input: (data) => {
        // Keystrokes sent while the snapshot is on its way still count: the browser drops the
        // terminal's own answers to replayed sequences itself, and the learner's typing is real.
        if (viewer.role !== 'owner' || !this.#links.has(link)) return;
        this.#setPacer(link);
        if (!this.write(data)) this.#tellInputDropped(link);
        else if (this.#inputDropped && (this.#shell?.pendingInput?.() ?? 0) < this.#limits.inputQueue / 2) this.#inputDropped = false;
      },
      resize: (cols, rows) => {
        if (viewer.role !== 'owner' || !this.#links.has(link)) return;
        this.#setPacer(link);
        this.resize(cols, rows);
      },
      ack: (bytes) => this.#ack(link, bytes),
      detach: () => this.#detach(link),
    };
  }

  /** Sends input to the shell; false when it was dropped because too much is waiting already. */
  write(data: Uint8Array): boolean {
    if (this.#ended) return true;
    if (!this.#shell) {
      // Typed before the shell is there: kept in order for it, within a bound (a paste of a novel is not).
      if (this.#earlyBytes + data.byteLength > startingInputLimit) return false;
      this.#early.push(data.slice());
      this.#earlyBytes += data.byteLength;
      return true;
    }
    const waiting = this.#shell.pendingInput?.() ?? 0;
    // A lone control key (Ctrl-C, Ctrl-D) is never dropped: it is how the learner ends the program.
    const controlKey = data.byteLength === 1 && data[0]! < 0x20;
    if (!controlKey && waiting + data.byteLength > this.#limits.inputQueue) return false;
    // Send what the shell already printed now, so the echo of this keystroke is not held back.
    this.#flush();
    this.#answering = true;
    this.#shell.write(data);
    return true;
  }

  /** Says once per episode, in the tab's own terminal, that its input is being dropped. */
  #tellInputDropped(link: Link) {
    if (this.#inputDropped || link.state !== 'live') return;
    this.#inputDropped = true;
    const kib = Math.round(this.#limits.inputQueue / 1024);
    const notice = `\r\n\x1b[33m[ECS Workbook] The program in this terminal is not reading its input: ${kib} KiB are waiting, so what you type or paste now is dropped. Wait for it, or press Ctrl-C.\x1b[0m\r\n`;
    this.#sendOutput(link, frame(ServerOp.output, new TextEncoder().encode(notice)));
  }

  resize(cols: number, rows: number) {
    if (this.#ended) return;
    const size = clampSize(cols, rows);
    this.#mirror.resize(size.cols, size.rows);
    this.#size = size;
    this.#shell?.resize(size.cols, size.rows);
  }

  /** Ends the shell and everything it started, and closes every tab. */
  async kill(reason = 'terminal session ended', code = 1001): Promise<void> {
    if (this.#ended) return;
    this.#end();
    for (const link of this.#links) link.viewer.close(code, reason);
    this.#links.clear();
    await (await this.#opened)?.kill();
  }

  #replay(link: Link) {
    link.state = 'replaying';
    link.queued = [];
    link.queuedBytes = 0;
    link.ackRate.reset();
    if (link === this.#pacer) this.#scale = 1;
    // Output goes to the mirror and to the tabs together, at a flush: flushing now means the
    // snapshot below and the output queued for this tab neither overlap nor leave a gap.
    this.#flush();
    void this.#mirror.snapshot().then((screen) => {
      if (!this.#links.has(link)) return;
      link.viewer.send(frame(ServerOp.replayBegin));
      if (screen) link.viewer.send(frame(ServerOp.output, new TextEncoder().encode(screen)));
      link.viewer.send(frame(ServerOp.replayEnd));
      if (this.#title) link.viewer.send(frame(ServerOp.title, new TextEncoder().encode(this.#title)));
      link.state = 'live';
      link.unacked = 0;
      link.lastAckAt = Date.now();
      for (const queued of link.queued) this.#sendOutput(link, queued);
      link.queued = [];
      link.queuedBytes = 0;
      if (this.#exitCode !== undefined) this.#sendExit(link);
      this.#updatePause();
    });
  }

  #output(chunk: Uint8Array) {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.byteLength;
    if (this.#pendingBytes >= this.#limits.batchBytes * this.#scale) this.#flush();
    else if (this.#answering) {
      // An echo or a command's first output: as soon as this turn of the event loop is done.
      this.#flushImmediate ??= setImmediate(() => this.#flush());
    } else {
      // Streaming: node-pty reads a few KiB per turn of the event loop, and a message per read
      // (25,000 for 100 MB) cost more than the reads. A short wait gathers tens of reads.
      if (!this.#flushImmediate) this.#flushTimer ??= setTimeout(() => this.#flush(), this.#limits.batchMs * Math.min(this.#scale, 4));
    }
    this.#updatePause();
  }

  #flush() {
    this.#cancelFlush();
    if (this.#pendingBytes === 0) return;
    this.#answering = false;
    const message = new Uint8Array(1 + this.#pendingBytes);
    message[0] = ServerOp.output;
    let offset = 1;
    for (const chunk of this.#pending) {
      message.set(chunk, offset);
      offset += chunk.byteLength;
    }
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#mirror.write(message.subarray(1));
    for (const link of this.#links) {
      if (link.state === 'replaying') {
        link.queued.push(message);
        link.queuedBytes += message.byteLength - 1;
      } else if (link.state === 'live') this.#sendOutput(link, message);
      if (link !== this.#pacer && link.state !== 'behind' && (link.unacked > this.#limits.viewerBehind || link.viewer.bufferedAmount() > this.#limits.viewerBehind)) {
        // Too slow to follow: stop sending until it has parsed what it has, then resynchronise.
        link.state = 'behind';
        link.queued = [];
        link.queuedBytes = 0;
      }
    }
    this.#updatePause();
  }

  #cancelFlush() {
    clearTimeout(this.#flushTimer);
    clearImmediate(this.#flushImmediate);
    this.#flushTimer = undefined;
    this.#flushImmediate = undefined;
  }

  #sendOutput(link: Link, message: Uint8Array) {
    link.viewer.send(message);
    link.unacked += message.byteLength - 1;
  }

  #ack(link: Link, bytes: number) {
    if (link.state === 'replaying') return;
    link.unacked = Math.max(0, link.unacked - bytes);
    link.lastAckAt = Date.now();
    link.ackRate.ack(bytes);
    if (link === this.#pacer) this.#rescale();
    this.#catchUp(link);
    this.#updatePause();
  }

  #catchUp(link: Link) {
    if (link.state === 'behind' && link.unacked <= this.#limits.low && link.viewer.bufferedAmount() <= this.#limits.bufferedLow) this.#replay(link);
  }

  #detach(link: Link) {
    if (!this.#links.delete(link)) return;
    if (this.#pacer === link) this.#setPacer([...this.#links].reverse().find((other) => other.viewer.role === 'owner'));
    this.#updatePause();
    if (this.#links.size === 0) this.#startIdleTimer();
  }

  /**
   * Pauses the shell while the pacing tab is owed too much; resumes once it has caught up.
   * "Owed" is everything read from the pty for that tab that it has not acked: sent and unacked,
   * queued behind a snapshot still being taken, and read but not yet flushed. Counting only what
   * was sent let a tab whose replay was slow (a busy machine delays the snapshot) be owed far
   * more than the high watermark, all delivered at once when the snapshot came.
   */
  #updatePause() {
    if (this.#ended) return;
    const limits = this.#limits;
    const scale = this.#scale;
    const pacer = this.#pacer?.state === 'behind' ? undefined : this.#pacer;
    const owed = pacer ? pacer.unacked + pacer.queuedBytes + this.#pendingBytes : 0;
    const buffered = pacer?.viewer.bufferedAmount() ?? 0;
    // A larger message may sit in the socket a moment longer; two of them are still a bound.
    const batchBytes = limits.batchBytes * scale;
    if (!this.#paused && (owed > limits.high * scale || buffered > Math.max(limits.bufferedHigh, 2 * batchBytes))) {
      this.#paused = true;
      this.#shell?.pause();
      // The socket's drain and a stalled tab have no event of their own: look again shortly.
      this.#pollTimer = setInterval(() => this.#poll(), 25);
    } else if (this.#paused && owed <= limits.low * scale && buffered <= Math.max(limits.bufferedLow, batchBytes / 2)) {
      this.#paused = false;
      clearInterval(this.#pollTimer);
      this.#shell?.resume();
    }
  }

  #setPacer(link: Link | undefined) {
    if (link === this.#pacer) return;
    this.#pacer = link;
    this.#rescale();
  }

  /** Sizes the flow limits to the pacing tab's measured parse rate (see FlowLimits.inFlightMs). */
  #rescale() {
    const limits = this.#limits;
    const rate = this.#pacer?.ackRate.bytesPerMs ?? 0;
    this.#scale = Math.min(Math.max(1, (rate * limits.inFlightMs) / limits.high), Math.max(1, limits.maxHigh / limits.high));
  }

  #poll() {
    for (const link of this.#links) this.#catchUp(link);
    const pacer = this.#pacer;
    if (pacer && pacer.unacked > this.#limits.low && Date.now() - pacer.lastAckAt > this.#limits.stallMs) {
      // The tab stopped reading (a frozen or hung browser): let it go so the shell can go on.
      pacer.viewer.close(4008, 'the terminal stopped reading its output');
      this.#detach(pacer);
    }
    this.#updatePause();
  }

  #exited(code: number) {
    this.#flush();
    this.#exitCode = code;
    for (const link of this.#links) if (link.state !== 'replaying') this.#sendExit(link);
    this.#end();
    void this.#shell?.kill();
  }

  #sendExit(link: Link) {
    link.viewer.send(frame(ServerOp.exit, i32(this.#exitCode ?? -1)));
    link.viewer.close(4000, 'the shell exited');
    this.#links.delete(link);
  }

  #end() {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#pollTimer);
    clearTimeout(this.#idleTimer);
    this.#cancelFlush();
    // Let a replay in progress finish before the mirror goes.
    setTimeout(() => this.#mirror.dispose(), 1000).unref();
    this.#options.onEnd?.();
  }

  #startIdleTimer() {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => void this.kill('the terminal was idle'), this.#options.idleMs);
    this.#idleTimer.unref();
  }

  #broadcast(message: Uint8Array) {
    for (const link of this.#links) if (link.state === 'live') link.viewer.send(message);
  }
}

