/**
 * The probe's "what held" for plain HTTP, kept true against the real server process: static files
 * never leak what lies outside the built client assets, an over-long URL is refused and costs
 * nothing, a slowloris is cut by the header timeout while others are served, and many event
 * streams from one signed-in browser keep the server responsive and are freed when closed.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersTimeoutMs } from '../../src/server/serve-workbook.ts';
import { rawRequest } from './raw-http.ts';
import { root, startRealServer, type RealServer } from './real-server.ts';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
}, 180_000);
afterAll(() => server?.close());

const host = () => `127.0.0.1:${server.port}`;
const get = (target: string, waitMs = 5_000) => rawRequest(server.port, `GET ${target} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`, { waitMs });

/** How long a page takes to answer, in ms; fails the test if it does not answer 200. */
async function timePage(): Promise<number> {
  const started = Date.now();
  const response = await fetch(`${server.origin}/en/`, { signal: AbortSignal.timeout(10_000) });
  await response.text();
  expect(response.status).toBe(200);
  return Date.now() - started;
}

/** The server's resident memory (kB) and open file descriptors, as the kernel counts them. */
function usage(): { rssKb: number; fds: number } {
  const pid = server.child.pid!;
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  const fds = readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;
  return { rssKb, fds };
}

describe('static files outside the built client assets', () => {
  // Each target names a real file a traversal would reach; its content must never come back.
  const secretFiles: [target: string, file: string][] = [
    ['/%2e%2e/%2e%2e/package.json', 'package.json'],
    ['/..%2f..%2fpackage.json', 'package.json'],
    ['/_astro/%2e%2e/%2e%2e/%2e%2e/package.json', 'package.json'],
    ['/%252e%252e/%252e%252e/package.json', 'package.json'],
    ['/..%5c..%5cpackage.json', 'package.json'],
    ['/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json', 'package.json'],
    ['/../../package.json', 'package.json'],
    ['/%2e%2e/server/entry.mjs', 'dist/server/entry.mjs'],
    ['/.git/config', '.git'],
    ['/%2e%2e/%2e%2e/.git', '.git'],
    ['/.env', 'none'],
    ['/%2e%2e/%2e%2e/.env', 'none'],
    ['/node_modules/astro/package.json', 'node_modules/astro/package.json'],
    ['/%2e%2e/%2e%2e/node_modules/astro/package.json', 'node_modules/astro/package.json'],
    ['/src/server/workbook.ts', 'src/server/workbook.ts'],
    ['/%2e%2e/%2e%2e/src/server/workbook.ts', 'src/server/workbook.ts'],
    ['/package.json%00.js', 'package.json'],
  ];

  it('serves a built asset (the control: static files are served at all)', async () => {
    const asset = readdirSync(join(root, 'dist', 'client', '_astro')).find((name) => name.endsWith('.js'))!;
    const answer = await get(`/_astro/${asset}`);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(readFileSync(join(root, 'dist', 'client', '_astro', asset), 'latin1').slice(0, 200));
  });

  it.each(secretFiles)('%s answers 400, 403 or 404 and never the content of %s (none: no such file)', async (target, file) => {
    const answer = await get(target);
    expect(answer.answered, `no answer for ${target} within 5 s`).toBe(true);
    expect([400, 403, 404]).toContain(answer.status);
    // No .env exists here: the status alone shows it is not served. .git is a folder in a clone
    // and a file in a worktree: what would give it away is git's own text in either.
    if (file === '.git') for (const marker of ['[core]', 'repositoryformatversion', 'gitdir:', 'ref: refs/']) expect(answer.text).not.toContain(marker);
    else if (file !== 'none') expect(answer.text).not.toContain(readFileSync(join(root, file), 'latin1').slice(0, 120));
  });
});

describe('an over-long URL', () => {
  it('is refused with 431 (or 414) beyond 16 KB, and the server answers the next request', async () => {
    // 17 KB fits in the sockets' buffers, so the 431 always reaches the client. Past that, the
    // server answers 431 and closes while the client is still writing; the close with unread data
    // is a reset, which can discard the 431 before the client reads it: refused either way.
    const answer = await get(`/en/?q=${'a'.repeat(17_000)}`);
    expect(answer.answered).toBe(true);
    expect([414, 431]).toContain(answer.status);
    for (const size of [100_000, 1_000_000]) {
      const big = await get(`/en/?q=${'a'.repeat(size)}`);
      expect(big.answered, `${size}`).toBe(true);
      expect([0, 414, 431], `${size}: ${big.text.slice(0, 80)}`).toContain(big.status);
      expect(big.text, `${size}`).not.toMatch(/^HTTP\/1\.1 200/);
    }
    // Under the limit it is an ordinary request.
    expect((await get(`/en/?q=${'a'.repeat(8_000)}`)).status).toBe(200);
    expect(await timePage()).toBeLessThan(5_000);
    expect(server.alive()).toBe(true);
  });
});

describe('slowloris', () => {
  it('cuts connections that send their headers one byte at a time, and serves others meanwhile', async () => {
    const started = Date.now();
    const sockets: { socket: Socket; cutAfterMs?: number; answer: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const entry: (typeof sockets)[number] = { socket: connect({ host: '127.0.0.1', port: server.port }), answer: '' };
      entry.socket.on('data', (chunk) => (entry.answer += chunk.toString('latin1')));
      entry.socket.on('error', () => {});
      entry.socket.on('close', () => (entry.cutAfterMs ??= Date.now() - started));
      entry.socket.write(`GET /en/ HTTP/1.1\r\nHost: ${host()}\r\nX-Slow: `);
      sockets.push(entry);
    }
    // One byte per second each, never the blank line that ends the headers.
    const drip = setInterval(() => {
      for (const { socket } of sockets) if (!socket.destroyed) socket.write('a');
    }, 1_000);
    // Node checks its header deadline every 30 s, so a cut comes at most that long after it.
    const limitMs = headersTimeoutMs + 30_000 + 5_000;
    const slowest: number[] = [];
    try {
      while (sockets.some((entry) => entry.cutAfterMs === undefined) && Date.now() - started < limitMs) {
        slowest.push(await timePage());
        await new Promise((done) => setTimeout(done, 2_000));
      }
    } finally {
      clearInterval(drip);
      for (const { socket } of sockets) socket.destroy();
    }
    for (const entry of sockets) {
      expect(entry.cutAfterMs, 'a slow connection was still open').toBeLessThan(limitMs);
      // Cut by the header deadline, not by chance earlier.
      expect(entry.cutAfterMs).toBeGreaterThanOrEqual(headersTimeoutMs - 1_000);
      if (entry.answer) expect(entry.answer).toMatch(/^HTTP\/1\.1 408/);
    }
    expect(slowest.length).toBeGreaterThan(3);
    expect(Math.max(...slowest), `page times during the slowloris: ${slowest.join(', ')} ms`).toBeLessThan(3_000);
  }, 90_000);
});

describe('many event streams from one signed-in browser', () => {
  /** Opens GET /api/events and resolves once its hello arrived; the stream collects the rest. */
  function openStream(): Promise<{ text: () => string; close: () => void }> {
    return new Promise((resolve, reject) => {
      let text = '';
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/events', agent: false, headers: { cookie: server.cookie } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
          if (text.includes('event: hello')) resolve({ text: () => text, close: () => req.destroy() });
        });
      });
      req.on('error', (error) => (text.includes('event: hello') ? undefined : reject(error)));
      req.setTimeout(15_000, () => req.destroy(new Error('no hello within 15 s')));
      req.end();
    });
  }

  it('200 streams all get their hello and the progress event, the server stays responsive and bounded, and closing them frees them', async () => {
    const before = usage();
    const streams = [];
    for (let i = 0; i < 10; i++) streams.push(...(await Promise.all(Array.from({ length: 20 }, openStream))));
    expect(streams).toHaveLength(200);
    const open = usage();
    expect(open.fds - before.fds).toBeGreaterThanOrEqual(190);
    expect(await timePage()).toBeLessThan(3_000);
    // A change reaches every stream.
    const run = await fetch(`${server.origin}/api/checks/run`, { method: 'POST', headers: { cookie: server.cookie, origin: server.origin, 'content-type': 'application/json' }, body: JSON.stringify({ step: 'setup/aws-identity' }) });
    expect(run.status).toBe(200);
    const deadline = Date.now() + 15_000;
    while (streams.some((stream) => !stream.text().includes('event: progress')) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
    expect(streams.filter((stream) => stream.text().includes('event: progress'))).toHaveLength(200);
    // Memory stays bounded: 200 idle streams are small.
    expect(usage().rssKb - before.rssKb, 'RSS growth in kB').toBeLessThan(60_000);
    for (const stream of streams) stream.close();
    const freedBy = Date.now() + 10_000;
    while (usage().fds - before.fds > 10 && Date.now() < freedBy) await new Promise((done) => setTimeout(done, 100));
    expect(usage().fds - before.fds, 'sockets still open after the streams closed').toBeLessThanOrEqual(10);
    expect(await timePage()).toBeLessThan(3_000);
  }, 90_000);
});
