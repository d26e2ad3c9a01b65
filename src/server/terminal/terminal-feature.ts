import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Principal } from '../../shared/principal.ts';
import type { SandboxProvider } from '../../sandbox/sandbox-provider.ts';
import type { RequestGuard } from '../request-guard.ts';
import type { WorkbookFeature } from '../feature.ts';
import type { Authenticate } from './credentials.ts';
import { closeReason, CloseCode, parseClientFrame, ProtocolError, type ClientMessage } from '../../shared/terminal-protocol.ts';
import { TerminalSession, type Attachment, type FlowLimits, type Viewer } from './terminal-session.ts';

export const terminalPath = '/terminal';

export interface TerminalFeatureOptions {
  guard: RequestGuard;
  authenticate: Authenticate;
  /** Where shells come from: a session's key is the learner whose shell it opens. */
  sandbox: Pick<SandboxProvider, 'openShell'>;
  /** A socket that has not said hello within this time is closed. */
  helloTimeoutMs?: number;
  /** Ping interval; a socket that did not answer the previous ping is dropped. */
  heartbeatMs?: number;
  /** A session with no tab attached for this long is ended. */
  idleMs?: number;
  limits?: Partial<FlowLimits>;
  /** At most this many sockets at once (tabs of one learner; a runaway page cannot open thousands). */
  maxConnections?: number;
  /**
   * Whether a tab watching another's session (an instructor's) may type into it right now: asked on
   * every keystroke, so only a live grant the learner accepted lets input through ("take control").
   * Without it, a watching tab never types.
   */
  mayControl?: (principal: Principal, sessionKey: string) => boolean;
}

export interface TerminalFeature extends WorkbookFeature {
  /** Live sessions by key (tests and the instructor view look at these). */
  sessions: Map<string, TerminalSession>;
}

/** Frames are small: keystrokes, a paste, acks. 64 KiB instead of ws's 100 MiB default. */
export const maxPayload = 64 * 1024;

function refuseUpgrade(socket: Duplex, status: number, message: string) {
  const body = `${message}\n`;
  socket.end(`HTTP/1.1 ${status} ${({ 401: 'Unauthorized', 403: 'Forbidden' } as Record<number, string>)[status] ?? 'Service Unavailable'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** The terminal WebSocket at /terminal: checks the upgrade, then the hello, then attaches a session. */
export function createTerminalFeature(options: TerminalFeatureOptions): TerminalFeature {
  const helloTimeoutMs = options.helloTimeoutMs ?? 5_000;
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  const idleMs = options.idleMs ?? 60 * 60_000;
  const maxConnections = options.maxConnections ?? 32;
  const sessions = new Map<string, TerminalSession>();
  // permessage-deflate costs several times the CPU for nothing on loopback (reference §2.9).
  const wss = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false, clientTracking: true });
  const alive = new WeakSet<WebSocket>();

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, heartbeatMs);
  heartbeat.unref();

  function sessionFor(key: string, mayStart: boolean, size: { cols: number; rows: number }): TerminalSession | undefined {
    const existing = sessions.get(key);
    if (existing && !existing.ended) return existing;
    if (!mayStart) return undefined;
    const session = new TerminalSession({
      size,
      openShell: (shellSize) => options.sandbox.openShell(key, shellSize),
      idleMs,
      limits: options.limits,
      onEnd: () => {
        if (sessions.get(key) === session) sessions.delete(key);
      },
    });
    sessions.set(key, session);
    return session;
  }

  function accept(ws: WebSocket, principal: Principal) {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    let attachment: Attachment | undefined;
    // Set when this tab watches someone else's session: its keys reach the shell only under a grant.
    let watched: { session: TerminalSession; key: string } | undefined;
    /** The session attached, and whether this tab may end it (the owner's, not a viewer's). */
    let attached: { session: TerminalSession; owner: boolean } | undefined;
    const close = (code: number, reason: string) => {
      clearTimeout(helloTimer);
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
      attachment?.detach();
    };
    const helloTimer = setTimeout(() => close(CloseCode.policy, 'no hello with the launch secret in time'), helloTimeoutMs);

    const hello = (message: Extract<ClientMessage, { op: 'hello' }>) => {
      clearTimeout(helloTimer);
      const grant = options.authenticate(message.hello.token, message.hello.role, principal);
      if (!grant) return close(CloseCode.policy, 'wrong launch secret: reload the page');
      // Another session than the credential's own: only an instructor's, only to watch.
      const target = message.hello.session ?? grant.sessionKey;
      const own = target === grant.sessionKey;
      if (!own && !grant.mayWatchOthers) return close(CloseCode.policy, 'this terminal session is not yours: you can attach only to your own');
      const role = own ? grant.role : 'viewer';
      const session = sessionFor(target, own && grant.mayStart, { cols: message.hello.cols, rows: message.hello.rows });
      if (!session) return close(CloseCode.noSession, 'no shell is running to watch');
      const viewer: Viewer = {
        role,
        send: (data) => {
          if (ws.readyState === ws.OPEN) ws.send(data, { binary: true });
        },
        bufferedAmount: () => ws.bufferedAmount,
        close: (code, reason) => {
          if (ws.readyState === ws.OPEN) ws.close(code, closeReason(reason));
        },
      };
      attachment = session.attach(viewer, role === 'owner' ? { cols: message.hello.cols, rows: message.hello.rows } : undefined);
      if (!own) watched = { session, key: target };
      attached = { session, owner: role === 'owner' };
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
      try {
        receive(data, isBinary);
      } catch (error) {
        // A bug of ours must cost this one connection, not every learner's shell.
        console.error('Terminal connection failed:', error);
        close(1011, 'the terminal server failed; reload the page');
      }
    });
    const receive = (data: RawData, isBinary: boolean) => {
      if (!isBinary) return close(CloseCode.unsupported, 'text frames are not part of the terminal protocol');
      let message: ClientMessage;
      try {
        message = parseClientFrame(data as Buffer);
      } catch (error) {
        if (error instanceof ProtocolError) return close(CloseCode.invalidPayload, error.message);
        throw error;
      }
      if (!attachment) {
        if (message.op !== 'hello') return close(CloseCode.policy, 'the first message must be hello');
        return hello(message);
      }
      switch (message.op) {
        case 'input':
          if (watched) {
            if (options.mayControl?.(principal, watched.key)) watched.session.write(message.data);
            return;
          }
          return attachment.input(message.data);
        case 'resize':
          return attachment.resize(message.cols, message.rows);
        case 'ack':
          return attachment.ack(message.bytes);
        case 'hello':
          return close(CloseCode.policy, 'hello was already sent');
        case 'new-shell':
          // The learner's way out of a shell stuck in a program that ignores Ctrl-C: a viewer may not.
          if (attached?.owner) void attached.session.kill('a new shell was started', CloseCode.newShell);
          return;
      }
    };
    ws.on('close', () => {
      clearTimeout(helloTimer);
      attachment?.detach();
    });
    // A broken socket (ECONNRESET, a frame over maxPayload) closes itself; never crash the server for it.
    ws.on('error', () => {});
  }

  return {
    sessions,
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, principal: Principal | undefined) {
      if (url.pathname !== terminalPath) return false;
      // Browsers send Origin on every WebSocket; a missing or foreign one is another site's page
      // (or a non-browser client) trying to reach the learner's shell: cross-site WebSocket hijacking.
      if (!options.guard.isAllowedHost(req) || !options.guard.isAllowedOrigin(req)) {
        refuseUpgrade(socket, 403, 'The terminal accepts connections only from the workbook pages themselves.');
        return true;
      }
      // Origin and Host can be forged by any local process; the session cookie cannot be guessed.
      if (!principal) {
        refuseUpgrade(socket, 401, 'This browser is not signed in to the workbook: open the link that npm start printed (it ends in #sign-in=…).');
        return true;
      }
      if (wss.clients.size >= maxConnections) {
        refuseUpgrade(socket, 503, 'Too many terminal connections are open; close some workbook tabs.');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, principal));
      return true;
    },
    async close() {
      clearInterval(heartbeat);
      await Promise.all([...sessions.values()].map((session) => session.kill('the workbook server stopped')));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
