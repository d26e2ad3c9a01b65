/**
 * The probe's "what held": cross-site WebSocket hijacking, DNS rebinding and forged cookies are
 * still refused, on the upgrade, the API and the pages, after the hardening above.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../integration/terminal/terminal-harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The status a raw request gets (headers exactly as given; no client library adds any). */
function status(path: string, headers: Record<string, string | undefined>, upgrade = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const upgradeHeaders = upgrade ? { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } : {};
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { ...upgradeHeaders, ...clean }, setHost: false, timeout: 5_000 });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer for ${path}`)));
    req.on('error', reject);
    req.end();
  });
}

const host = () => `127.0.0.1:${server.port}`;

describe('cross-site WebSocket hijacking', () => {
  const origins = () => [
    'http://evil.com', 'null', `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`, `ws://127.0.0.1:${server.port}`,
    `http://127.0.0.1:${server.port}/`, `http://127.0.0.1:${server.port}.evil.com`, `http://evil.com.127.0.0.1:${server.port}`,
    `http://user@127.0.0.1:${server.port}`, 'file://', 'chrome-extension://abc', '', undefined,
  ];
  it('refuses every foreign or malformed Origin with 403, even with the session cookie', async () => {
    for (const origin of origins()) expect(await status('/terminal', { host: host(), origin, cookie: server.cookie }, true), String(origin)).toBe(403);
    expect(await status('/terminal', { host: host(), origin: server.origin, cookie: server.cookie }, true)).toBe(101);
  });
});

describe('DNS rebinding', () => {
  const hosts = () => [
    'evil.com', `evil.com:${server.port}`, `127.0.0.1.nip.io:${server.port}`, `127.0.0.1.:${server.port}`, '127.0.0.1', `0.0.0.0:${server.port}`,
    `2130706433:${server.port}`, `127.1:${server.port}`, `[::ffff:127.0.0.1]:${server.port}`, `[0:0:0:0:0:0:0:1]:${server.port}`, '',
  ];
  it('refuses every other Host on pages, the API and the upgrade', async () => {
    for (const name of hosts()) {
      expect(await status('/en/', { host: name }), name).toBe(403);
      expect(await status('/api/progress', { host: name, cookie: server.cookie }), name).toBe(403);
      expect(await status('/terminal', { host: name, origin: `http://${name}`, cookie: server.cookie }, true), name).toBe(403);
    }
  });
});

describe('forged session cookies', () => {
  it('refuses no cookie, a made-up one, another port\'s name and the token as a cookie', async () => {
    const [name, value] = server.cookie.split('=') as [string, string];
    for (const cookie of [undefined, `${name}=forged`, `ecs-workbook-session-${server.port + 1}=${value}`, `${name}=${server.workbook.signIn.token}`, `${name}=${server.workbook.launchSecret}`]) {
      expect(await status('/api/progress', { host: host(), cookie }), String(cookie)).toBe(401);
      expect(await status('/terminal', { host: host(), origin: server.origin, cookie }, true), String(cookie)).toBe(401);
    }
    // A planted cookie beside the real one neither grants nor blocks: the real one counts.
    expect(await status('/api/progress', { host: host(), cookie: `${name}=planted; ${server.cookie}` })).toBe(200);
  });
});
