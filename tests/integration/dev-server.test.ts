import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signIn } from '../harness/sign-in.ts';

const root = resolve(import.meta.dirname, '../..');
/** The dev server's sign-in token, fixed for the test through the variable meant for automation. */
const signInToken = 'dev-server-test-sign-in-token';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

function withoutVitest(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST'));
}

/** `npm run dev` must give authors the same server features as `npm start`: one code path. */
describe('the dev server (astro dev)', () => {
  let dev: ChildProcess;
  let base: string;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dev = spawn(process.execPath, [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'dev', '--port', String(port)], {
      cwd: root,
      // Without vitest's own variables: Vite would take the dev server for a test run.
      env: { ...withoutVitest(process.env), ASTRO_TELEMETRY_DISABLED: '1', ECS_WORKBOOK_DATA_DIR: join(root, 'test-results', 'dev-data'), ECS_WORKBOOK_SIGN_IN_TOKEN: signInToken },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    dev.stdout?.on('data', (chunk) => (output += chunk));
    dev.stderr?.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 60_000;
    while ((await fetch(`${base}/en/`).catch(() => undefined))?.status !== 200) {
      if (Date.now() > deadline) throw new Error(`astro dev did not answer at ${base}/en/ within 60 s:\n${output}`);
      await new Promise((done) => setTimeout(done, 250));
    }
  }, 70_000);
  afterAll(() => {
    dev?.kill('SIGTERM');
  });

  it('renders a lesson', async () => {
    const response = await fetch(`${base}/en/before-you-start/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Before you start');
  });

  it('refuses a foreign Host name, as npm start does', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((done, fail) => {
      request({ host: '127.0.0.1', port, path: '/en/', headers: { host: `rebind.example:${port}` } }, (res) => done(res.statusCode ?? 0)).on('error', fail).end();
    });
    expect(status).toBe(403);
  });

  it('serves the JSON API to a signed-in browser only', async () => {
    expect((await fetch(`${base}/api/progress?lang=en`)).status).toBe(401);
    const cookie = await signIn(base, signInToken);
    const response = await fetch(`${base}/api/progress?lang=en`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('runs a step\'s check through Vite: the course registry loads the module, which imports #check-kit, and its texts render', async () => {
    const cookie = await signIn(base, signInToken);
    const response = await fetch(`${base}/api/checks/run`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ step: 'containers/first-run', lang: 'en' }),
    });
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: { status: string; summary: string } };
    // The test machine runs a Docker engine, so the check looks (pass or fail); a module that
    // failed to load would be an error result.
    expect(['pass', 'fail']).toContain(result.status);
    expect(result.summary).toMatch(/container/i);
    expect(result.summary).not.toMatch(/^containers\./);
  });

  it('sends the anti-framing headers, as npm start does', async () => {
    const response = await fetch(`${base}/en/before-you-start/`);
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('never lets a signed-in page (it carries the launch secret) be cached, as npm start does', async () => {
    const cookie = await signIn(base, signInToken);
    const response = await fetch(`${base}/en/before-you-start/`, { headers: { cookie } });
    expect(await response.text()).toMatch(/"secret":"[A-Za-z0-9_-]{20,}"/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('takes the terminal upgrade and refuses a foreign Origin with 403', async () => {
    const status = await new Promise<number>((done) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/terminal`, { origin: 'http://evil.example' });
      socket.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
      socket.on('open', () => done(101));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });
});
