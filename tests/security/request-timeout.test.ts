/**
 * Every request that is not a stream gets an answer in bounded time, even when the part that
 * should answer never does (the way Astro's `next()` once went nowhere), and a handler that
 * throws answers 500 instead of ending the process. Server-sent events stay open.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWorkbook } from '../../src/server/serve-workbook.ts';
import { createWorkbook, type Workbook } from '../../src/server/workbook.ts';
import { signIn } from '../harness/sign-in.ts';

let server: Server;
let workbook: Workbook;
let origin: string;
let cookie: string;
const home = mkdtempSync(join(tmpdir(), 'ecs-workbook-timeout-'));

beforeAll(async () => {
  process.env.HOME = home;
  server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  workbook = createWorkbook({ host: '127.0.0.1', port, dataDir: join(home, 'data'), requestTimeoutMs: 1_500 });
  serveWorkbook(server, workbook, (req) => {
    if (req.url === '/throws') throw new Error('a page failed');
    if (req.url === '/rejects') return Promise.reject(new Error('a page failed later'));
    // Anything else: a page renderer that never answers.
  });
  origin = `http://127.0.0.1:${port}`;
  cookie = await signIn(origin, workbook.signIn.token);
});
afterAll(async () => {
  await workbook.close();
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  rmSync(home, { recursive: true, force: true });
});

describe('the server-wide request timeout', () => {
  it('answers 503 when nothing else answered in time', async () => {
    const started = Date.now();
    const response = await fetch(`${origin}/never`, { signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('took too long to answer');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('leaves server-sent events open past it', async () => {
    const controller = new AbortController();
    const response = await fetch(`${origin}/api/events`, { headers: { cookie }, signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let text = '';
    const started = Date.now();
    // Read past the timeout: the stream must neither end nor carry a 503.
    while (Date.now() - started < 2_500) {
      const chunk = await Promise.race([reader.read(), new Promise<undefined>((done) => setTimeout(done, 500))]);
      if (chunk?.done) break;
      if (chunk?.value) text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toContain('event: hello');
    expect(text).not.toContain('took too long');
    const more = await Promise.race([reader.read(), new Promise<'open'>((done) => setTimeout(() => done('open'), 200))]);
    expect(more === 'open' || !(more as { done: boolean }).done).toBe(true);
    controller.abort();
  });
});

describe('a handler that fails', () => {
  it.each(['/throws', '/rejects'])('%s answers 500 and the server goes on', async (path) => {
    const response = await fetch(`${origin}${path}`);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('The workbook failed to answer');
    expect((await fetch(`${origin}/api/progress`, { headers: { cookie } })).status).toBe(200);
  });
});
