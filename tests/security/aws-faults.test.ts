/**
 * When AWS cannot be reached properly, a check says "could not check" with a fix, and ends on
 * time: a captive portal's web page, an endpoint that is not a URL, a region that is not a
 * region, and an endpoint that accepts connections and never answers. Loopback stand-ins only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWorkbook } from '../../src/server/serve-workbook.ts';
import { createWorkbook } from '../../src/server/workbook.ts';
import { signIn } from '../harness/sign-in.ts';
import { bin, root, withoutVitest } from './real-server.ts';

let portal: Server;
let stall: TcpServer;
const held: Socket[] = [];
let portalUrl: string;
let stallUrl: string;
let dataDir: string;

beforeAll(async () => {
  // A Wi-Fi sign-in page: every request gets HTTP 200 and HTML.
  portal = createHttpServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><body><h1>Welcome! Sign in to the hotel Wi-Fi</h1></body></html>');
  });
  await new Promise<void>((done) => portal.listen(0, '127.0.0.1', done));
  portalUrl = `http://127.0.0.1:${(portal.address() as { port: number }).port}`;
  // A half-dead proxy: accepts the connection, reads, never answers.
  stall = createTcpServer((socket) => {
    held.push(socket);
    socket.on('error', () => {});
    socket.resume();
  });
  await new Promise<void>((done) => stall.listen(0, '127.0.0.1', done));
  stallUrl = `http://127.0.0.1:${(stall.address() as { port: number }).port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'ecs-workbook-aws-faults-'));
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  portal?.close();
  stall?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface CliRun { code: number | null; ms: number; json: { status: string; summary: string; items: { fix?: string; actual?: string }[] }; stderr: string }

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [bin, 'check', ...args, '--json', '--data-dir', dataDir], {
    cwd: root,
    env: { ...withoutVitest(), AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1', AWS_PROFILE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // Killed after 90 s so a regression fails the test instead of hanging it.
  const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(guard);
      let json: CliRun['json'];
      try {
        json = JSON.parse(stdout);
      } catch {
        json = { status: 'unparsed', summary: stdout, items: [] };
      }
      resolve({ code, ms: Date.now() - started, json, stderr });
    }),
  );
}

/** "Could not check", never "not yet", and never a fix that would create what may already exist. */
function expectCouldNotCheck(run: CliRun, summary: string) {
  expect(run.code, run.stderr).toBe(3);
  expect(run.json.status).toBe('error');
  expect(run.json.summary).toContain(summary);
  for (const item of run.json.items) {
    expect(item.fix ?? '').not.toMatch(/\bcreate-|\bupdate-|\bput-|\brun-task\b/);
    expect(item.fix, 'an error comes with a fix').toBeTruthy();
  }
}

describe('could not check is never "not yet"', () => {
  it.each(['setup/aws-identity', 'network/vpc', 'task-definition/execution-role'])('a captive portal\'s HTML page with status 200 (%s)', async (step) => {
    expectCouldNotCheck(await cli([step], { AWS_ENDPOINT_URL: portalUrl }), 'a web page answered instead of AWS');
  }, 100_000);

  it.each(['setup/aws-identity', 'network/vpc'])('an AWS_ENDPOINT_URL that is not a URL (%s)', async (step) => {
    const run = await cli([step], { AWS_ENDPOINT_URL: 'not-a-url' });
    expectCouldNotCheck(run, 'AWS_ENDPOINT_URL is not a URL');
    expect(run.json.items[0]!.fix).toBe('unset AWS_ENDPOINT_URL');
  }, 100_000);

  it.each(['us east 1', 'us-east-1;id'])('a region that is not a region (%s)', async (region) => {
    expectCouldNotCheck(await cli(['setup/aws-identity'], { AWS_REGION: region, AWS_ENDPOINT_URL: portalUrl }), `"${region}" is not an AWS region`);
  }, 100_000);
});

describe('no check hangs', () => {
  it('the CLI ends at its --timeout (plus its own start) against an endpoint that never answers', async () => {
    const run = await cli(['ecr/repository', '--timeout', '3'], { AWS_ENDPOINT_URL: stallUrl });
    expect(run.code).toBe(3);
    expect(run.json.summary).toContain('no answer within 3 seconds');
    // Node's start and the imports take a few seconds on a busy machine; before, it never exited.
    expect(run.ms).toBeLessThan(3_000 + 12_000);
  }, 100_000);

  it('the server answers a check request at the check\'s time limit and keeps serving', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL: stallUrl, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1', ECS_WORKBOOK_CHECK_TIMEOUT_MS: '2000', HOME: dataDir });
    const server = createHttpServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    const workbook = createWorkbook({ host: '127.0.0.1', port, dataDir: join(dataDir, 'server') });
    serveWorkbook(server, workbook, (_req, res) => void res.end('page'));
    try {
      const origin = `http://127.0.0.1:${port}`;
      const cookie = await signIn(origin, workbook.signIn.token);
      const started = Date.now();
      const response = await fetch(`${origin}/api/checks/run`, { method: 'POST', headers: { origin, cookie, 'content-type': 'application/json' }, body: JSON.stringify({ step: 'ecr/repository' }), signal: AbortSignal.timeout(30_000) });
      const elapsed = Date.now() - started;
      expect(response.status).toBe(200);
      const body = (await response.json()) as { result: { status: string; summary: string } };
      expect(body.result.status).toBe('error');
      expect(body.result.summary).toContain('no answer within 2 seconds');
      // At the 2 s limit, not at the stalled endpoint's pace (it never answers): the margin is for a
      // busy machine, where the request itself took 3 s over the limit.
      expect(elapsed).toBeLessThan(2_000 + 5_000);
      expect((await fetch(`${origin}/api/progress`, { headers: { cookie } })).status).toBe(200);
    } finally {
      process.env = saved;
      await workbook.close();
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  }, 60_000);
});
