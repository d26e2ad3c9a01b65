import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ClientOp, frame, ServerOp, u16Pair, u32, type Role } from '../../../src/shared/terminal-protocol.ts';
import { serveWorkbook } from '../../../src/server/serve-workbook.ts';
import { createWorkbook, type Workbook, type WorkbookConfig } from '../../../src/server/workbook.ts';
import { signIn } from '../../harness/sign-in.ts';

/**
 * The real workbook server (Host check, features, terminal) on a free loopback port, with a
 * throwaway HOME so the shell never touches the real home or its dotfiles.
 */
export interface TestServer {
  port: number;
  origin: string;
  url: string;
  home: string;
  /** The session cookie of a signed-in browser (`name=value`), which the upgrade requires. */
  cookie: string;
  workbook: Workbook;
  server: Server;
  close(): Promise<void>;
}

export async function startTestServer(terminal: WorkbookConfig['terminal'] = {}): Promise<TestServer> {
  const home = mkdtempSync(join(tmpdir(), 'ecs-workbook-home-'));
  mkdirSync(join(home, 'ecs-workbook'));
  process.env.HOME = home;
  process.env.SHELL = '/bin/bash';
  delete process.env.ECS_WORKBOOK_WORKSPACE;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const workbook = createWorkbook({ host: '127.0.0.1', port, terminal });
  // The same wiring as `npm start`; a stand-in answers for Astro's pages.
  serveWorkbook(server, workbook, (_req, res) => void res.end('page'));
  const origin = `http://127.0.0.1:${port}`;
  const cookie = await signIn(origin, workbook.signIn.token);
  return {
    port,
    origin,
    cookie,
    url: `ws://127.0.0.1:${port}/terminal`,
    home,
    workbook,
    server,
    async close() {
      await workbook.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export interface ClientOptions {
  origin?: string | null;
  host?: string;
  /** The Cookie header; the signed-in session's unless given, none when null. */
  cookie?: string | null;
  /** Ack output as it arrives (a browser that keeps up); off for a stalled client. */
  autoAck?: boolean;
}

/** A terminal client as a browser tab would be: ws with our framing, decoding output as a stream. */
export class TerminalClient {
  readonly ws: WebSocket;
  text = '';
  role: Role | undefined;
  exitCode: number | undefined;
  replays = 0;
  outputBytes = 0;
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
  #decoder = new TextDecoder();

  constructor(server: TestServer, options: ClientOptions = {}) {
    const headers: Record<string, string> = {};
    if (options.origin !== null) headers.origin = options.origin ?? server.origin;
    if (options.host) headers.host = options.host;
    if (options.cookie !== null) headers.cookie = options.cookie ?? server.cookie;
    this.ws = new WebSocket(server.url, { headers, perMessageDeflate: false });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      this.ws.once('error', reject);
    });
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    const autoAck = options.autoAck ?? true;
    this.ws.on('message', (data: Buffer) => {
      const op = data[0];
      const payload = data.subarray(1);
      if (op === ServerOp.output) {
        this.outputBytes += payload.length;
        this.text += this.#decoder.decode(payload, { stream: true });
        if (autoAck && this.ws.readyState === WebSocket.OPEN) this.ws.send(frame(ClientOp.ack, u32(payload.length)));
      } else if (op === ServerOp.role) this.role = payload.toString() as Role;
      else if (op === ServerOp.replayBegin) this.replays++;
      else if (op === ServerOp.exit) this.exitCode = payload.readInt32BE(0);
    });
  }

  hello(token: string, extra: Record<string, unknown> = {}) {
    this.ws.send(frame(ClientOp.hello, new TextEncoder().encode(JSON.stringify({ token, cols: 100, rows: 30, ...extra }))));
  }

  type(text: string) {
    this.ws.send(frame(ClientOp.input, new TextEncoder().encode(text)));
  }

  resize(cols: number, rows: number) {
    this.ws.send(frame(ClientOp.resize, u16Pair(cols, rows)));
  }

  /** Resolves once the output so far matches; rejects after `ms` with what arrived. */
  async waitFor(pattern: RegExp | string, ms = 5_000): Promise<void> {
    const matches = () => (typeof pattern === 'string' ? this.text.includes(pattern) : pattern.test(this.text));
    const deadline = Date.now() + ms;
    while (!matches()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern}; the terminal showed:\n${this.text.slice(-2000)}`);
      // Polled, not checked per message: scanning megabytes of flood output per frame is quadratic.
      await new Promise<void>((resolve) => setTimeout(resolve, 20));
    }
  }

  close() {
    this.ws.close();
  }
}

/** Opens a tab and says hello with the server's launch secret. */
export async function connectOwner(server: TestServer, options: ClientOptions = {}): Promise<TerminalClient> {
  const client = new TerminalClient(server, options);
  await client.opened;
  client.hello(server.workbook.launchSecret);
  return client;
}

/** Polls until `condition` holds (a busy machine is slow: wait for the state, never a fixed time). */
export async function waitUntil(condition: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}
