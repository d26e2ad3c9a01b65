/**
 * The workbook as a learner starts it (`bin/ecs-workbook.mjs start`, Astro pages included) in its
 * own process, with a throwaway HOME and data folder, for the security suite: a crash here is the
 * process exiting, exactly what the learner would lose their shell to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { signIn } from '../harness/sign-in.ts';
import { TerminalClient, type TestServer } from '../integration/terminal/terminal-harness.ts';

export const root = resolve(import.meta.dirname, '../..');
export const bin = join(root, 'bin', 'ecs-workbook.mjs');

/** The environment without vitest's own variables: an `astro build` the start triggers must not take itself for a test run. */
export function withoutVitest(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST'));
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

export interface RealServer {
  port: number;
  origin: string;
  home: string;
  dataDir: string;
  /** Fixed for the run through the variable meant for automation (many clients can sign in), or the printed one-time token. */
  token: string;
  cookie: string;
  /** The launch secret, read from a signed-in page as the browser reads it. */
  secret: string;
  child: ChildProcess;
  output(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  close(): Promise<void>;
}

/**
 * `seed` writes into the data folder before the server starts; `dataDir` reuses an earlier launch's. `randomToken`: a real launch's one-time token (read from the printed link) instead of the
 * automation's fixed one; the server is then left signed out (`cookie` and `secret` are empty).
 */
export async function startRealServer(env: NodeJS.ProcessEnv = {}, options: { randomToken?: boolean; seed?: (dataDir: string) => void; dataDir?: string } = {}): Promise<RealServer> {
  const home = mkdtempSync(join(tmpdir(), 'ecs-workbook-security-'));
  mkdirSync(join(home, 'ecs-workbook'));
  // `dataDir`: another launch's folder, as a restart after a crash finds it (removed with that launch's home, not this one's).
  const dataDir = options.dataDir ?? join(home, 'data');
  options.seed?.(dataDir);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const fixedToken = `security-suite-token-${port}`;
  const child = spawn(process.execPath, [bin, 'start', '--no-open', '--port', String(port)], {
    cwd: root,
    env: { ...withoutVitest(), CI: '1', HOME: home, SHELL: '/bin/bash', ECS_WORKBOOK_DATA_DIR: dataDir, ECS_WORKBOOK_SIGN_IN_TOKEN: options.randomToken ? '' : fixedToken, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 150_000;
  while ((await fetch(`${origin}/en/`).catch(() => undefined))?.status !== 200) {
    if (exited || Date.now() > deadline) throw new Error(`The workbook did not start at ${origin}:\n${output}`);
    await new Promise((done) => setTimeout(done, 250));
  }
  const printed = /#sign-in=([A-Za-z0-9_-]+)/.exec(output)?.[1];
  const token = options.randomToken ? printed ?? '' : fixedToken;
  const cookie = options.randomToken ? '' : await signIn(origin, token);
  const page = await (await fetch(`${origin}/en/before-you-start/`, { headers: { cookie } })).text();
  const secret = /"secret":"([A-Za-z0-9_-]*)"/.exec(page)?.[1] ?? '';
  if (!secret && !options.randomToken) throw new Error('A signed-in page carried no launch secret.');
  return {
    port,
    origin,
    home,
    dataDir,
    token,
    cookie,
    secret,
    child,
    output: () => output,
    alive: () => !exited,
    async close() {
      if (!exited) {
        const gone = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((done) => setTimeout(done, 5_000))]);
        if (!exited) child.kill('SIGKILL');
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A terminal tab on the real server, not yet signed in to a shell (the fuzz sends its own frames). */
export function newTab(server: RealServer): TerminalClient {
  return new TerminalClient({ url: `ws://127.0.0.1:${server.port}/terminal`, origin: server.origin, cookie: server.cookie } as TestServer);
}

/** The learner's terminal tab on the real server, with its shell. */
export async function openShell(server: RealServer): Promise<TerminalClient> {
  const client = newTab(server);
  await client.opened;
  client.hello(server.secret);
  return client;
}

/**
 * The learner's shell with a job in the background, as the probe's `sleep 600`: what a test throws
 * at the server must leave both running.
 */
export async function openBusyShell(server: RealServer): Promise<TerminalClient> {
  const shell = await openShell(server);
  shell.type('sleep 600 & echo job-$!\r');
  await shell.waitFor(/job-\d+/, 10_000);
  return shell;
}

/**
 * For a suite that throws things at one real server: starts it with the learner's busy shell
 * before the suite and ends both after it. Read `current()` inside the tests.
 */
export function realServerWithBusyShell(): () => { server: RealServer; shell: TerminalClient } {
  let running: { server: RealServer; shell: TerminalClient } | undefined;
  let server: RealServer | undefined;
  beforeAll(async () => {
    server = await startRealServer();
    running = { server, shell: await openBusyShell(server) };
  }, 180_000);
  afterAll(async () => {
    running?.shell.close();
    await server?.close();
  });
  return () => running!;
}
