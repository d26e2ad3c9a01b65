/**
 * The probe's small findings: bad data folders end in one line and exit 3, the API refuses
 * non-string ids and workspaces the shell could not start in, pages with the launch secret are
 * never cached, the data folder and file are private, and a page fetched without the session
 * cookie shows neither the account id nor progress.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProgressStore } from '../../src/progress/progress-store.ts';
import { startTestServer, type TestServer } from '../integration/terminal/terminal-harness.ts';
import { bin, freePort, root, startRealServer, withoutVitest, type RealServer } from './real-server.ts';

const scratch = mkdtempSync(join(tmpdir(), 'ecs-workbook-small-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...withoutVitest(), CI: '1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', ...env } });
}

/** One line that names the place and what to do; no stack trace. */
function expectOneLine(stderr: string, text: string) {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toContain(text);
  expect(stderr).not.toMatch(/\n\s+at /);
}

/** Makes the file read-only for whoever runs the tests (root ignores modes, not the immutable flag). */
function makeReadOnly(file: string): () => void {
  if (spawnSync('chattr', ['+i', file]).status === 0) return () => void spawnSync('chattr', ['-i', file]);
  chmodSync(file, 0o444);
  return () => chmodSync(file, 0o644);
}

describe('a data folder that cannot hold the progress file', () => {
  it('a file given as --data-dir: one line, exit 3', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    const result = run(['check', 'setup/docker', '--data-dir', file]);
    expect(result.status).toBe(3);
    expectOneLine(result.stderr, `The data folder ${file} is a file, not a folder. Choose another folder with --data-dir DIR`);
  });

  it('a folder where the database should be: one line, exit 3', () => {
    const dir = join(scratch, 'dir-as-db');
    mkdirSync(join(dir, 'progress.sqlite'), { recursive: true });
    const result = run(['check', 'setup/docker', '--data-dir', dir]);
    expect(result.status).toBe(3);
    expectOneLine(result.stderr, 'is a folder, but the progress file should be there. Move that folder away');
  });

  it('a read-only database: one line, exit 3', () => {
    const dir = join(scratch, 'read-only');
    openProgressStore(dir).close();
    const undo = makeReadOnly(join(dir, 'progress.sqlite'));
    try {
      const result = run(['check', 'setup/docker', '--data-dir', dir]);
      expect(result.status).toBe(3);
      expectOneLine(result.stderr, 'cannot be written (read-only or not yours). Make it writable');
    } finally {
      undo();
    }
  });

  it('the server does not start on a bad data folder: one line, exit 3', async () => {
    const file = join(scratch, 'server-file');
    writeFileSync(file, 'x');
    const result = run(['start', '--no-open', '--port', String(await freePort())], { ECS_WORKBOOK_DATA_DIR: file });
    expect(result.status, result.stdout + result.stderr).toBe(3);
    expect(result.stderr.trim().split('\n').at(-1)).toContain(`The data folder ${file} is a file, not a folder.`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 150_000);

  it('a new data folder is 0700 and the progress file 0600', () => {
    const dir = join(scratch, 'fresh');
    const result = run(['check', 'setup/docker', '--data-dir', dir]);
    expect(result.status, result.stderr).not.toBe(4);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'progress.sqlite')).mode & 0o777).toBe(0o600);
  });
});

describe('the API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  const send = (method: string, path: string, body: unknown) =>
    fetch(`${server.origin}${path}`, { method, headers: { origin: server.origin, cookie: server.cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it.each([[['setup/docker']], [{ toString: 1 }], [42], [null]])('a step that is not a string (%j) gets 400, not a run', async (step) => {
    const response = await send('POST', '/api/checks/run', { step });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toContain('step must be a step id as a string');
  });

  it('a lesson that is not a string gets 400', async () => {
    expect((await send('POST', '/api/lessons/start', { lesson: ['setup'] })).status).toBe(400);
  });

  it.each([
    ['work/ecs', 'must be a full path'],
    ['~/../../etc', 'may not contain ".."'],
    [`/tmp/${'a'.repeat(250)}`, 'at most 200 characters'],
  ])('a workspace %s is refused with the rule', async (workspace, rule) => {
    const response = await send('PUT', '/api/settings', { workspace });
    expect(response.status).toBe(400);
    const { problems } = (await response.json()) as { problems: { field: string; message: string }[] };
    expect(problems).toEqual([{ field: 'workspace', message: expect.stringContaining(rule) }]);
  });

  it('a workspace where a file is in the way is refused when saved, not when the shell starts', async () => {
    writeFileSync(join(server.home, 'taken'), 'x');
    const response = await send('PUT', '/api/settings', { workspace: '~/taken/work' });
    expect(response.status).toBe(400);
    expect((await response.json()).problems[0].message).toContain('is a file, so the workspace folder');
    expect((await send('PUT', '/api/settings', { workspace: '~/fine/work' })).status).toBe(200);
  });
});

describe('pages', () => {
  const accountId = '123456789012';
  let server: RealServer;
  beforeAll(async () => {
    server = await startRealServer({}, {
      seed: (dataDir) => {
        const file = openProgressStore(dataDir);
        const store = file.forLearner('local');
        store.putCached('identity', { accountId, arn: `arn:aws:iam::${accountId}:user/learner` });
        store.record({ step: 'ecr/repository', result: { status: 'pass', summary: { key: 'x' }, items: [], resources: [] }, snapshot: {}, source: 'cli', durationMs: 1 });
        file.close();
      },
    });
  }, 180_000);
  afterAll(() => server?.close());

  it('signed in: the launch secret, the account id and progress, never cached', async () => {
    const response = await fetch(`${server.origin}/en/ecr/`, { headers: { cookie: server.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain(server.secret);
    expect(html).toContain(accountId);
    expect(html).toMatch(/data-step-status="ecr\/repository" data-status="pass"/);
  });

  it('without the cookie: no launch secret, no account id, no progress', async () => {
    const response = await fetch(`${server.origin}/en/ecr/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain(server.secret);
    expect(html).not.toContain(accountId);
    expect(html).not.toMatch(/data-status="pass"/);
    expect(html).toContain('{{accountId}}');
  });
});
