import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProgressStore } from '../../src/progress/progress-store.ts';
import { createWorkbook, type Workbook } from '../../src/server/workbook.ts';
import { freePort } from '../harness/moto.ts';
import { signIn } from '../harness/sign-in.ts';

let server: Server;
let workbook: Workbook;
let base: string;
let origin: string;
let cookie: string;
/** Every call below is from a signed-in browser unless it says otherwise. */
const fetch = (url: string, init: RequestInit = {}) => globalThis.fetch(url, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) } });
const locals = () => workbook.localsFor({ headers: { cookie } } as IncomingMessage);
const data = mkdtempSync(join(tmpdir(), 'wb-api-'));
const savedEnv = { ...process.env };

beforeAll(async () => {
  // Nothing may leave loopback: the background identity lookup goes to a dead local endpoint.
  Object.assign(process.env, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' });
  const port = await freePort();
  workbook = createWorkbook({ host: '127.0.0.1', port, dataDir: data });
  server = createServer((req, res) => void workbook.handleRequest(req, res, () => { res.writeHead(404); res.end(); }));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${port}`;
  origin = base;
  cookie = await signIn(origin, workbook.signIn.token);
});
afterAll(async () => {
  await workbook.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  process.env = savedEnv;
  rmSync(data, { recursive: true, force: true });
});

const post = (path: string, body: unknown, headers: Record<string, string> = { origin: '', 'content-type': 'application/json' }) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { ...headers, ...(headers.origin === '' && { origin }) }, body: JSON.stringify(body) });

describe('checks API', () => {
  it('answers 401 with how to sign in to a request without the session cookie', async () => {
    for (const [method, path] of [['GET', '/api/progress?lang=en'], ['GET', '/api/settings'], ['GET', '/api/events'], ['POST', '/api/checks/run'], ['PUT', '/api/settings']] as const) {
      const response = await globalThis.fetch(`${base}${path}`, { method, headers: { origin, 'content-type': 'application/json' }, ...(method !== 'GET' && { body: '{}' }) });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect((await response.json()).error).toBe('This browser is not signed in to the workbook. Open the link that npm start printed; it ends in #sign-in=….');
    }
  });

  it('gives pages the launch secret only with the session cookie', () => {
    expect(locals()).toMatchObject({ signedIn: true, launchSecret: workbook.launchSecret });
    const stranger = workbook.localsFor({ headers: {} } as IncomingMessage);
    expect(stranger.signedIn).toBe(false);
    expect(stranger.launchSecret).toBeUndefined();
  });

  it('refuses state changes from a foreign page, and non-JSON bodies', async () => {
    const foreign = await post('/api/checks/run', { step: 'setup/docker' }, { origin: 'http://evil.example', 'content-type': 'application/json' });
    expect(foreign.status).toBe(403);
    const form = await fetch(`${base}/api/checks/run`, { method: 'POST', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: 'step=setup/docker' });
    expect(form.status).toBe(415);
    expect((await form.json()).error).toContain('application/json');
  });

  it('answers an unknown step with the list of valid ones', async () => {
    const response = await post('/api/checks/run', { step: 'setup/nope' });
    expect(response.status).toBe(404);
    expect((await response.json()).steps).toContain('setup/docker');
  });

  it('runs a check, returns the rendered checklist in the asked language, and keeps it as progress', async () => {
    const response = await post('/api/checks/run', { step: 'setup/docker', lang: 'ja' });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.result.status).toBe('pass');
    expect(body.result.summary).toMatch(/^Docker .* が動いています。$/);
    expect(locals().stepStatuses()).toEqual({ 'setup/docker': 'pass' });
    const progress = await (await fetch(`${base}/api/progress?lang=en`)).json();
    expect(progress.latest['setup/docker'].result.summary).toMatch(/^Docker .* is running\.$/);
  });

  it('streams a change made by another process (the CLI) as a server-sent event', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    const received = (async () => {
      while (!text.includes('event: progress')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cli = openProgressStore(data);
    cli.forLearner('local').record({ step: 'setup/aws-identity', result: { status: 'error', summary: { key: 'check.error.no-credentials.summary' }, items: [], resources: [] }, snapshot: {}, source: 'cli', durationMs: 3 });
    cli.close();
    await Promise.race([received, new Promise((_, reject) => setTimeout(() => reject(new Error(`no progress event; got: ${text}`)), 3000))]);
    controller.abort();
    const frame = text.slice(text.indexOf('event: progress'));
    const payload = JSON.parse(/data: (.*)/.exec(frame)![1]!);
    expect(payload.statuses['setup/aws-identity']).toBe('error');
    expect(payload.attempts).toEqual([expect.objectContaining({ step: 'setup/aws-identity', status: 'error', source: 'cli' })]);
  });

  it('refuses invalid settings with the broken rule, and saves valid ones into every placeholder', async () => {
    const bad = await fetch(`${base}/api/settings`, { method: 'PUT', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ loadBalancer: 'this-load-balancer-name-is-too-long-for-aws' }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).problems[0]).toMatchObject({ field: 'loadBalancer', message: expect.stringContaining('at most 32') });
    const good = await fetch(`${base}/api/settings`, { method: 'PUT', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ prefix: 'bob', region: 'us-west-2' }) });
    expect(good.status).toBe(200);
    expect((await good.json()).variables).toMatchObject({ region: 'us-west-2', cluster: 'bob-ecs-handson-cluster' });
    expect(locals().variables()).toMatchObject({ region: 'us-west-2', cluster: 'bob-ecs-handson-cluster', logGroup: '/ecs/bob-ecs-handson-task' });
  });

  it('exports every attempt with its snapshot, and resets everything', async () => {
    const exported = await fetch(`${base}/api/progress/export`);
    expect(exported.headers.get('content-disposition')).toContain('ecs-workbook-progress.json');
    const body = await exported.json();
    expect(body.attempts.find((a: { step: string }) => a.step === 'setup/docker').snapshot.engine.reachable).toBe(true);
    const reset = await post('/api/progress/reset', {});
    expect((await reset.json()).statuses).toEqual({});
    expect(locals().stepStatuses()).toEqual({});
  });

  it('refuses a name with shell syntax, and ignores one an old store still holds', async () => {
    const bad = await fetch(`${base}/api/settings`, { method: 'PUT', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ cluster: 'x;$(touch /tmp/p)' }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).problems).toEqual([{ field: 'cluster', message: expect.stringContaining('ECS names use 1–255 letters, digits, hyphens and underscores') }]);
    // A store written before these rules: its values never reach a command.
    const store = openProgressStore(data);
    store.forLearner('local').putSettings({ cluster: 'x;$(touch /tmp/p)', workspace: '~/a b' });
    store.close();
    const view = await (await fetch(`${base}/api/settings`)).json();
    expect(view.variables.cluster).toBe('ecs-handson-cluster');
    expect(JSON.stringify(view.variables)).not.toContain('touch');
    const reset = await fetch(`${base}/api/settings`, { method: 'PUT', headers: { origin, 'content-type': 'application/json' }, body: '{}' });
    expect(reset.status).toBe(200);
  });
});
