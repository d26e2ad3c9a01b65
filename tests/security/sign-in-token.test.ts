/**
 * The sign-in token never sits where other users can read it, and a used token signs in no
 * second browser unless the learner asks for a fresh link (`ecs-workbook link`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, root, startRealServer, withoutVitest, type RealServer } from './real-server.ts';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer({}, { randomToken: true });
}, 180_000);
afterAll(() => server?.close());

const signIn = (token: string, cookie?: string) =>
  fetch(`${server.origin}/api/session`, { method: 'POST', headers: { origin: server.origin, 'content-type': 'application/json', ...(cookie && { cookie }) }, body: JSON.stringify({ token }) });

describe('a one-time sign-in token', () => {
  it('signs in the first browser, then no other', async () => {
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const first = await signIn(server.token);
    expect(first.status).toBe(200);
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    // The same browser opening its link again stays signed in; nothing new is handed out.
    const again = await signIn(server.token, cookie);
    expect(again.status).toBe(200);
    expect(again.headers.get('set-cookie')).toBeNull();
    // Anyone else with the token (read from a process list, a screen) gets nothing.
    const second = await signIn(server.token);
    expect(second.status).toBe(403);
    expect(second.headers.get('set-cookie')).toBeNull();
    expect((await second.json()).error).toContain('already used by a browser. To sign in another browser, run npx ecs-workbook link');
    expect((await fetch(`${server.origin}/api/progress`, { headers: { cookie } })).status).toBe(200);
  });

  it('`ecs-workbook link` prints a fresh link that signs in one more browser, once', async () => {
    const result = spawnSync(process.execPath, [bin, 'link', '--port', String(server.port)], { cwd: root, encoding: 'utf8', env: { ...withoutVitest(), HOME: server.home, ECS_WORKBOOK_DATA_DIR: server.dataDir } });
    expect(result.status).toBe(0);
    const link = new RegExp(`http://127\\.0\\.0\\.1:${server.port}/#sign-in=([A-Za-z0-9_-]{43})`).exec(result.stdout);
    expect(link, result.stdout + result.stderr).not.toBeNull();
    const file = join(server.dataDir, `sign-in-${server.port}.token`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(server.dataDir).mode & 0o777).toBe(0o700);
    const fresh = await signIn(link![1]!);
    expect(fresh.status).toBe(200);
    expect(() => statSync(file)).toThrow();
    expect((await signIn(link![1]!)).status).toBe(403);
  });

  it('a fresh link written by another user (a file others may write) is not taken', async () => {
    const token = 'x'.repeat(43);
    const file = join(server.dataDir, `sign-in-${server.port}.token`);
    writeFileSync(file, `${token}\n`);
    chmodSync(file, 0o666);
    expect((await signIn(token)).status).toBe(403);
    rmSync(file);
  });
});

describe('opening the browser', () => {
  it('puts only the path of a private redirect page in the browser\'s command line, never the token', async () => {
    // A stand-in browser that stays running and records its arguments, as `xdg-open` would be.
    const fakeBin = mkdtempSync(join(tmpdir(), 'ecs-workbook-opener-'));
    const argvFile = join(fakeBin, 'argv');
    writeFileSync(join(fakeBin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${argvFile}\nexec sleep 20\n`);
    chmodSync(join(fakeBin, 'xdg-open'), 0o755);
    const home = mkdtempSync(join(tmpdir(), 'ecs-workbook-open-'));
    const dataDir = join(home, 'data');
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, [bin, 'start', '--port', String(port)], {
      cwd: root,
      env: { ...withoutVitest(), CI: '', PATH: `${fakeBin}:${process.env.PATH}`, HOME: home, ECS_WORKBOOK_DATA_DIR: dataDir, ECS_WORKBOOK_SIGN_IN_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      await expect.poll(() => { try { return readFileSync(argvFile, 'utf8'); } catch { return ''; } }, { timeout: 120_000 }).not.toBe('');
      const token = /#sign-in=([A-Za-z0-9_-]{43})/.exec(output)?.[1];
      expect(token, output).toBeDefined();
      const argv = readFileSync(argvFile, 'utf8');
      expect(argv).not.toContain(token!);
      expect(argv.trim()).toBe(`file://${join(dataDir, `open-${port}.html`)}`);
      const page = join(dataDir, `open-${port}.html`);
      expect(statSync(page).mode & 0o777).toBe(0o600);
      expect(readFileSync(page, 'utf8')).toContain(`http://127.0.0.1:${port}/#sign-in=${token}`);
      // Stopping the workbook removes the page.
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await gone;
      expect(() => statSync(page)).toThrow();
    } finally {
      child.kill('SIGKILL');
      rmSync(fakeBin, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  }, 150_000);
});
