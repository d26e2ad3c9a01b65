import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { ClientOp, frame } from '../../../src/shared/terminal-protocol.ts';
import { connectOwner, startTestServer, TerminalClient, type TestServer } from './terminal-harness.ts';

let server: TestServer;
beforeAll(async () => {
  process.env.AWS_REGION = 'eu-test-1';
  process.env.ECS_WORKBOOK_DATA_DIR = mkdtempSync(join(tmpdir(), 'server-only-setting-'));
  server = await startTestServer({ helloTimeoutMs: 300, heartbeatMs: 250 });
});
afterAll(async () => {
  await server?.close();
  rmSync(process.env.ECS_WORKBOOK_DATA_DIR!, { recursive: true, force: true });
});

/** Upgrades with the signed-in cookie unless `cookie` is given (an empty one sends none). */
async function upgradeStatus(headers: Record<string, string>): Promise<number> {
  const { cookie = server.cookie, ...rest } = headers;
  const ws = new WebSocket(server.url, { headers: { ...rest, ...(cookie && { cookie }) }, perMessageDeflate: false });
  return new Promise((resolve) => {
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('error', () => {});
  });
}

describe('the upgrade is refused unless it comes from our own page', () => {
  test('a foreign Origin gets 403 (cross-site WebSocket hijacking)', async () => {
    expect(await upgradeStatus({ origin: 'http://evil.example' })).toBe(403);
    // Same host name, other port: another local web app is another origin.
    expect(await upgradeStatus({ origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
  });

  test('a foreign Host gets 403 even when Origin matches it (DNS rebinding)', async () => {
    const rebound = `rebind.example:${server.port}`;
    expect(await upgradeStatus({ host: rebound, origin: `http://${rebound}` })).toBe(403);
  });

  test('a missing Origin gets 403 (no browser omits it)', async () => {
    expect(await upgradeStatus({})).toBe(403);
  });

  test('our own origin is let through, under each loopback name', async () => {
    expect(await upgradeStatus({ origin: server.origin })).toBe(101);
    expect(await upgradeStatus({ origin: `http://localhost:${server.port}`, host: `localhost:${server.port}` })).toBe(101);
  });
});

describe('the upgrade needs the session cookie of a signed-in browser', () => {
  // A local process can read nothing from a page now, but it can forge Origin and Host headers.
  test('the right Origin and Host without the cookie get 401, and no shell starts', async () => {
    expect(await upgradeStatus({ origin: server.origin, cookie: '' })).toBe(401);
    const client = new TerminalClient(server, { cookie: null });
    await expect(client.opened).rejects.toThrow('HTTP 401');
  });

  test('a made-up session cookie gets 401', async () => {
    const [name] = server.cookie.split('=');
    expect(await upgradeStatus({ origin: server.origin, cookie: `${name}=forged-value` })).toBe(401);
    expect(await upgradeStatus({ origin: server.origin, cookie: `other=${server.cookie.split('=')[1]}` })).toBe(401);
  });
});

describe('signing in', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.origin}/api/session`, { method: 'POST', headers: { origin: server.origin, 'content-type': 'application/json', ...headers }, body });

  test('a wrong sign-in token is refused with what to do, and sets no cookie', async () => {
    const wrong = await post(JSON.stringify({ token: 'x'.repeat(43) }));
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await wrong.json()).error).toContain('Open the link that npm start printed last');
    expect((await post('not json')).status).toBe(403);
  });

  test('the right token from a foreign page is refused (no planted sessions)', async () => {
    const foreign = await post(JSON.stringify({ token: server.workbook.signIn.token }), { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
  });

  test('the right token gets an HttpOnly, SameSite=Strict session cookie', async () => {
    // The launch's own token was spent when the harness signed in: a fresh one signs in one more browser.
    const good = await post(JSON.stringify({ token: server.workbook.signIn.freshToken() }));
    expect(good.status).toBe(200);
    const cookie = good.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^ecs-workbook-session-${server.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    // The cookie is not the token nor the launch secret: none of them gives away another.
    expect(cookie).not.toContain(server.workbook.signIn.token);
    expect(cookie).not.toContain(server.workbook.launchSecret);
  });
});

describe('the launch secret is required in the first message', () => {
  test('a wrong secret is closed with 1008 and starts no shell', async () => {
    const client = new TerminalClient(server);
    await client.opened;
    client.hello('not-the-secret');
    expect(await client.closed).toEqual({ code: 1008, reason: 'wrong launch secret: reload the page' });
    expect(client.role).toBeUndefined();
  });

  test('no hello within the time limit is closed with 1008', async () => {
    const client = new TerminalClient(server);
    await client.opened;
    expect((await client.closed).code).toBe(1008);
  });

  test('input before hello is closed with 1008 and never reaches a shell', async () => {
    const client = new TerminalClient(server);
    await client.opened;
    client.type('touch pwned\r');
    expect(await client.closed).toEqual({ code: 1008, reason: 'the first message must be hello' });
  });
});

describe('bad frames close only their own connection', () => {
  const cases: Array<[string, (ws: WebSocket) => void, number, RegExp]> = [
    ['a text frame', (ws) => ws.send('hello'), 1003, /text frames/],
    ['an unknown opcode', (ws) => ws.send(Buffer.from([0x7f, 1, 2])), 1007, /unknown opcode/],
    ['a resize of the wrong length', (ws) => ws.send(Buffer.from([ClientOp.resize, 1])), 1007, /resize needs 4 bytes/],
    ['an empty frame', (ws) => ws.send(Buffer.alloc(0)), 1007, /empty frame/],
    ['a hello that is not JSON', (ws) => ws.send(frame(ClientOp.hello, Buffer.from('{token'))), 1007, /not JSON/],
    // ws answers this itself, before any of our code sees the frame: 1009 is "message too big".
    ['a frame over 64 KiB', (ws) => ws.send(Buffer.alloc(65 * 1024)), 1009, /^$/],
  ];
  test.each(cases)('%s', async (_name, send, code, reason) => {
    const client = new TerminalClient(server);
    await client.opened;
    send(client.ws);
    const closed = await client.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason).toMatch(reason);
  });

  test('after all of that the server still serves a shell', async () => {
    const owner = await connectOwner(server);
    owner.type('echo alive-$((20+1))\r');
    await owner.waitFor('alive-21');
    owner.close();
  });
});

test('a read-only viewer sees the shell but its input and resize are dropped', async () => {
  const owner = await connectOwner(server);
  owner.type('echo owner-$((1+1))\r');
  await owner.waitFor('owner-2');
  const viewer = new TerminalClient(server);
  await viewer.opened;
  viewer.hello(server.workbook.launchSecret, { role: 'viewer', cols: 40, rows: 10 });
  await viewer.waitFor('owner-2'); // the replay
  expect(viewer.role).toBe('viewer');
  viewer.type('echo viewer-$((3+3))\r');
  viewer.resize(20, 5);
  owner.type('echo cols=$(tput cols) done-$((4+4))\r');
  await viewer.waitFor('done-8');
  expect(owner.text).not.toContain('viewer-6');
  expect(viewer.text).not.toContain('viewer-6');
  // The owner's 100 columns stand; the viewer's resize did nothing.
  expect(owner.text).toContain('cols=100');
  owner.close();
  viewer.close();
});

test("the shell's environment has the learner's AWS settings but not the secret or server settings", async () => {
  const owner = await connectOwner(server);
  owner.type('env; echo env-$((9*9))\r');
  await owner.waitFor('env-81');
  expect(owner.text).not.toContain(server.workbook.launchSecret);
  expect(owner.text).not.toContain(server.workbook.signIn.token);
  expect(owner.text).not.toContain(server.cookie.split('=')[1]);
  // The data folder's bin/ is on PATH (the ecs-workbook launcher); the server's setting is not copied.
  expect(owner.text).not.toContain('ECS_WORKBOOK_DATA_DIR=');
  expect(owner.text).toContain('AWS_REGION=eu-test-1');
  expect(owner.text).toMatch(/LANG=C\.UTF-8|LANG=\S+/);
  expect(owner.text).toContain(`HOME=${server.home}`);
  owner.close();
});

test('a connection that stops answering pings is dropped', async () => {
  const silent = new WebSocket(server.url, { headers: { origin: server.origin, cookie: server.cookie }, autoPong: false });
  await new Promise((resolve) => silent.once('open', resolve));
  silent.send(frame(ClientOp.hello, Buffer.from(JSON.stringify({ token: server.workbook.launchSecret, cols: 80, rows: 24, role: 'viewer' }))));
  const code = await new Promise<number>((resolve) => silent.once('close', resolve));
  expect(code).toBe(1006); // terminated without a close frame
});
