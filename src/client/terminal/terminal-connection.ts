import { ClientOp, CloseCode, frame, ServerOp, u16Pair, u32, type Role } from '../../shared/terminal-protocol.ts';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'exited' | 'refused' | 'failed' | 'signed-out';

/**
 * Whether the server answers but no longer knows this browser's sign-in (401): it was restarted,
 * and the cookie is from the old launch. A browser cannot read the status of a refused WebSocket
 * upgrade, so this asks a small API endpoint instead. Unreachable counts as not signed out.
 */
export async function signedOut(): Promise<boolean> {
  try {
    const response = await fetch('/api/progress', { cache: 'no-store' });
    return response.status === 401;
  } catch {
    return false;
  }
}

export interface ConnectionHandlers {
  /** Output to show; call `parsed` once the terminal has parsed it (xterm's write callback). */
  output(data: Uint8Array, parsed: () => void): void;
  replayBegin(): void;
  replayEnd(): void;
  role(role: Role): void;
  title(title: string): void;
  exit(code: number): void;
  status(status: ConnectionStatus, detail?: string): void;
}

/** Acks go out every this many parsed bytes: well under the server's HIGH - LOW (256 - 64 KiB). */
const ackEvery = 32 * 1024;
const inputChunk = 16 * 1024;
const backoffMs = [250, 500, 1000, 2000, 4000, 8000];

/**
 * The browser end of /terminal: says hello with the page's launch secret, acks output once xterm
 * has parsed it (so the server can pause a flood at the shell), and reconnects with back-off when
 * the link drops; the server then replays the screen. Never puts the secret in a URL.
 */
export class TerminalConnection {
  #ws: WebSocket | undefined;
  #secret: string;
  #size: () => { cols: number; rows: number };
  #handlers: ConnectionHandlers;
  #asViewer: boolean;
  #replaying = false;
  #parsedSinceAck = 0;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  role: Role | undefined;

  constructor(secret: string, size: () => { cols: number; rows: number }, handlers: ConnectionHandlers, asViewer = false) {
    this.#secret = secret;
    this.#size = size;
    this.#handlers = handlers;
    this.#asViewer = asViewer;
  }

  /** True once the tab may type: connected as owner and past the replay. */
  get ready() {
    return this.#ws?.readyState === WebSocket.OPEN && this.role === 'owner' && !this.#replaying;
  }

  connect() {
    clearTimeout(this.#retryTimer);
    this.#stopped = false;
    this.role = undefined;
    this.#handlers.status(this.#attempt === 0 ? 'connecting' : 'reconnecting');
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/terminal`);
    ws.binaryType = 'arraybuffer';
    this.#ws = ws;
    this.#parsedSinceAck = 0;
    ws.onopen = () => {
      const { cols, rows } = this.#size();
      const hello = { token: this.#secret, cols, rows, ...(this.#asViewer ? { role: 'viewer' } : {}) };
      ws.send(frame(ClientOp.hello, new TextEncoder().encode(JSON.stringify(hello))));
    };
    ws.onmessage = (event) => this.#receive(ws, new Uint8Array(event.data as ArrayBuffer));
    ws.onclose = (event) => {
      if (this.#ws !== ws) return;
      this.#ws = undefined;
      this.#replaying = false;
      if (event.code === CloseCode.shellExited || this.#stopped) return;
      if (event.code === CloseCode.newShell) {
        // A new shell was asked for (here or in another tab): attach to it at once.
        this.#attempt = 0;
        this.connect();
        return;
      }
      if (event.code === CloseCode.shellFailed) {
        // Retrying at once would most likely fail the same way: the learner reads why and tries again.
        this.#attempt = 0;
        this.#handlers.status('failed', event.reason);
        return;
      }
      const policy = event.code === CloseCode.policy;
      if (!policy) this.#handlers.status('reconnecting', event.reason);
      void this.#probe(policy, event.reason);
    };
  }

  /**
   * After a lost or refused connection: a server that answers 401 was restarted since this browser
   * signed in, and retrying would say "Reconnecting…" forever; the learner needs the new link.
   */
  async #probe(policy: boolean, reason: string) {
    const gone = await signedOut();
    // Meanwhile the pane may have been disposed, or a new connection started.
    if (this.#stopped || this.#ws !== undefined) return;
    if (gone) {
      this.#attempt = 0;
      this.#handlers.status('signed-out');
      return;
    }
    if (policy) {
      // Signed in, but the page's secret no longer matches: the page is from before a restart.
      this.#handlers.status('refused', reason);
      return;
    }
    const delay = backoffMs[Math.min(this.#attempt, backoffMs.length - 1)]!;
    this.#attempt++;
    this.#retryTimer = setTimeout(() => this.connect(), delay * (0.75 + Math.random() * 0.5));
  }

  #receive(ws: WebSocket, bytes: Uint8Array) {
    const payload = bytes.subarray(1);
    switch (bytes[0]) {
      case ServerOp.output: {
        const replay = this.#replaying;
        this.#handlers.output(payload, () => {
          // Acks for output of an earlier socket, or of a replay, mean nothing to the server.
          if (replay || this.#ws !== ws || ws.readyState !== WebSocket.OPEN) return;
          this.#parsedSinceAck += payload.byteLength;
          if (this.#parsedSinceAck >= ackEvery) {
            ws.send(frame(ClientOp.ack, u32(this.#parsedSinceAck)));
            this.#parsedSinceAck = 0;
          }
        });
        break;
      }
      case ServerOp.replayBegin:
        this.#replaying = true;
        this.#handlers.replayBegin();
        break;
      case ServerOp.replayEnd:
        this.#replaying = false;
        this.#parsedSinceAck = 0;
        this.#attempt = 0;
        this.#handlers.replayEnd();
        this.#handlers.status('live');
        break;
      case ServerOp.exit:
        this.#stopped = true;
        this.#handlers.exit(new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getInt32(0));
        this.#handlers.status('exited');
        break;
      case ServerOp.title:
        this.#handlers.title(new TextDecoder().decode(payload));
        break;
      case ServerOp.role:
        this.role = new TextDecoder().decode(payload) === 'owner' ? 'owner' : 'viewer';
        this.#handlers.role(this.role);
        break;
    }
  }

  /** Keystrokes; dropped during a replay, where they would be xterm's answers to replayed queries. */
  input(data: string | Uint8Array) {
    if (!this.ready) return;
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    // A big paste goes in several frames: the server closes any frame over 64 KiB.
    for (let offset = 0; offset < bytes.length; offset += inputChunk) {
      this.#ws!.send(frame(ClientOp.input, bytes.subarray(offset, offset + inputChunk)));
    }
  }

  /** Ends the shell, whatever runs in it, and starts a new one; false when this tab may not (not connected, or a viewer). */
  newShell(): boolean {
    if (this.#ws?.readyState !== WebSocket.OPEN || this.role !== 'owner') return false;
    this.#ws.send(frame(ClientOp.newShell));
    return true;
  }

  resize(cols: number, rows: number) {
    if (this.#ws?.readyState === WebSocket.OPEN && this.role === 'owner') this.#ws.send(frame(ClientOp.resize, u16Pair(cols, rows)));
  }

  dispose() {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#ws?.close();
  }
}
