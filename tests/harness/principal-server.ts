/**
 * A real workbook server whose edge maps cookies to principals, as a workshop sign-in does:
 * `who=ana` and `who=ben` are learners, `who=teacher` the instructor, anything else nobody.
 * Everything behind the edge is the real workbook (API, live events, terminal, one SQLite file),
 * with whatever features, sandbox or terminal options a test plugs in. While it runs, the AWS SDK
 * is pointed at a dead loopback endpoint, so nothing leaves this machine; `close` restores the
 * environment and removes the data folder it made.
 *
 * It imports nothing from vitest, so a server process of its own (a browser spec's) can use it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveWorkbook } from '../../src/server/serve-workbook.ts';
import { createWorkbook, type Workbook, type WorkbookConfig } from '../../src/server/workbook.ts';
import type { Principal } from '../../src/shared/principal.ts';
import type { TestServer } from '../integration/terminal/terminal-harness.ts';
import { freePort } from './moto.ts';

/** Who each `who=` cookie is. */
export const principals: Record<string, Principal> = {
  ana: { kind: 'learner', id: 'ana' },
  ben: { kind: 'learner', id: 'ben' },
  teacher: { kind: 'instructor', id: 'teacher' },
};

/** The Cookie header that signs a request in as `name` (a key of `principals`). */
export const cookieOf = (name: string) => `who=${name}`;

/** The principal a request's `who=` cookie names (other cookies beside it are ignored). */
function principalOf(req: IncomingMessage): Principal | undefined {
  const who = /(?:^|;\s*)who=([a-z]+)/.exec(req.headers.cookie ?? '')?.[1];
  return who && Object.hasOwn(principals, who) ? principals[who] : undefined;
}

/** The AWS SDK's background identity lookups go to a closed local port with made-up keys. */
const offlineAws = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' };

type PageHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface PrincipalServerOptions extends Omit<WorkbookConfig, 'host' | 'port' | 'dataDir' | 'resolvePrincipal'> {
  /** Default a free one. */
  port?: number;
  /** The progress folder, kept by the caller; default a new temporary one that `close` removes. */
  dataDir?: string;
  /** More environment for the server's life (e.g. HOME and SHELL for the local shells). */
  env?: Record<string, string>;
  /** What the workbook does not answer itself (e.g. the built pages); default 404. */
  pages?: (workbook: Workbook) => PageHandler | Promise<PageHandler>;
}

/** One live-event stream as a tab holds it open: every frame received so far; `Data` is what a frame's data is read as. */
export interface EventStream<Data = Record<string, unknown>> {
  frames(): { event: string; data: Data }[];
  /** The data of every frame of this event so far, oldest first. */
  of(event: string): Data[];
  /** Waits (up to 5 s) for that many frames of the event, or for one frame the test accepts. */
  until(event: string, wanted?: number | ((data: Data) => boolean)): Promise<void>;
  close(): void;
}

export interface PrincipalServer {
  server: Server;
  workbook: Workbook;
  base: string;
  dataDir: string;
  /** Where a `TerminalClient` connects (give it the cookie in its options). */
  terminal: TestServer;
  /** A request from our own pages (Origin, JSON) with this Cookie header; none when undefined. */
  as(cookie: string | undefined, path: string, init?: RequestInit): Promise<Response>;
  /** Opens an event stream (`/api/events` by default); it must answer 200. Closed by `close`. */
  listen<Data = Record<string, unknown>>(cookie: string, path?: string): Promise<EventStream<Data>>;
  close(): Promise<void>;
}

/** Everything a streamed response (an event stream) has sent so far, read as it arrives until aborted. */
export function streamedText(response: Response): () => string {
  let text = '';
  void (async () => {
    const reader = response.body!.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    } catch {
      // aborted: the test closed the stream
    }
  })();
  return () => text;
}

export async function startPrincipalServer(options: PrincipalServerOptions = {}): Promise<PrincipalServer> {
  const { port: givenPort, dataDir: givenDataDir, env, pages, ...config } = options;
  const savedEnv = { ...process.env };
  Object.assign(process.env, offlineAws, env);
  const port = givenPort ?? (await freePort());
  const dataDir = givenDataDir ?? mkdtempSync(join(tmpdir(), 'wb-principals-'));
  const base = `http://127.0.0.1:${port}`;
  const workbook = createWorkbook({ ...config, host: '127.0.0.1', port, dataDir, resolvePrincipal: principalOf });
  const server = createServer();
  const notFound: PageHandler = (_req, res) => {
    res.writeHead(404);
    res.end();
  };
  serveWorkbook(server, workbook, pages ? await pages(workbook) : notFound);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  const streams: AbortController[] = [];
  const as = (cookie: string | undefined, path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { ...(cookie !== undefined && { cookie }), origin: base, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });

  async function listen<Data = Record<string, unknown>>(cookie: string, path = '/api/events'): Promise<EventStream<Data>> {
    const controller = new AbortController();
    streams.push(controller);
    const response = await as(cookie, path, { signal: controller.signal });
    if (response.status !== 200) throw new Error(`${cookie} ${path} answered ${response.status}, not a stream: ${await response.text()}`);
    const received = streamedText(response);
    const frames = () =>
      received()
        .split('\n\n')
        .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1], data: /^data: (.*)$/m.exec(block)?.[1] }))
        .filter((frame): frame is { event: string; data: string } => Boolean(frame.event && frame.data))
        .map((frame) => ({ event: frame.event, data: JSON.parse(frame.data) as Data }));
    const of = (event: string) => frames().filter((frame) => frame.event === event).map((frame) => frame.data);
    return {
      frames,
      of,
      async until(event, wanted = 1) {
        const arrived = () => (typeof wanted === 'number' ? of(event).length >= wanted : of(event).some(wanted));
        const deadline = Date.now() + 5000;
        while (!arrived()) {
          if (Date.now() > deadline) throw new Error(`no ${typeof wanted === 'number' ? `${wanted} ` : 'matching '}${event} event on ${cookie} ${path}; got: ${received()}`);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      },
      close: () => controller.abort(),
    };
  }

  return {
    server,
    workbook,
    base,
    dataDir,
    terminal: { origin: base, url: `${base.replace('http', 'ws')}/terminal` } as TestServer,
    as,
    listen,
    async close() {
      for (const stream of streams) stream.abort();
      await workbook.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      process.env = savedEnv;
      if (!givenDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
