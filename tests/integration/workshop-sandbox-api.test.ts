/**
 * The learner's sandbox as their page sees it, through a real workshop server (child process) and
 * the real Docker engine: its phase; a sandbox that died says why and is reset on request (only
 * from the workbook's own pages); a visible page's presence beat wakes a paused sandbox.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Docker from 'dockerode';
import { sweepWorkshop } from '../../src/workshop/workshop-end.ts';
import { sandboxImage, firstBuildTimeoutMs } from '../harness/sandbox.ts';

const port = 4425;
const url = `http://127.0.0.1:${port}`;
const workshop = `tapi-${randomBytes(3).toString('hex')}`;
const container = (learner: string) => `ecsw-${workshop}-l-${learner}`;
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
// For the slow ones (a stop waits for the shell): a synchronous call would block this process for
// seconds, so fetch's kept-alive connection would miss the server closing it and fail the next
// request with "other side closed".
const dockerSlow = (...args: string[]) => promisify(execFile)('docker', args);
let dataDir: string;
let server: ChildProcess;

const api = (path: string, learner: string | undefined, init: RequestInit & { fromPage?: boolean } = {}) =>
  fetch(`${url}${path}`, {
    ...init,
    headers: {
      ...(learner && { cookie: `wbtest-learner=${learner}` }),
      ...(init.method === 'POST' && { 'content-type': 'application/json' }),
      ...(init.fromPage !== false && { origin: url }),
    },
    ...(init.method === 'POST' && { body: '{}' }),
  });

async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  const image = await sandboxImage();
  dataDir = mkdtempSync(join(tmpdir(), 'wbtest-workshop-life-'));
  writeFileSync(join(dataDir, 'wbtest-learners.json'), JSON.stringify(['lrn-a', 'lrn-b']));
  server = spawn(process.execPath, ['tests/harness/lifecycle-server.ts'], {
    env: { ...process.env, WBTEST_DATA_DIR: dataDir, WBTEST_WORKSHOP: workshop, WBTEST_IMAGE: image, WBTEST_PORT: String(port), WBTEST_CLAIM: 'lrn-a,lrn-b' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: server.stdout! }).on('line', (line) => line.includes('"ready":true') && resolve());
    server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}, firstBuildTimeoutMs);

afterAll(async () => {
  server?.kill('SIGKILL');
  await sweepWorkshop(new Docker(), workshop);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe("the learner's sandbox from their page", () => {
  it('says where the sandbox is; only a joined learner has one', async () => {
    expect(await (await api('/api/workshop/sandbox', 'lrn-a')).json()).toEqual({ learner: 'lrn-a', phase: 'ready' });
    expect((await api('/api/workshop/sandbox', undefined)).status).toBe(401);
  });

  it('a sandbox that died says why; a reset from the page gives a fresh one, and only from the page', async () => {
    docker('exec', '-u', 'learner', container('lrn-a'), 'sh', '-c', 'echo mine > /home/learner/work/notes.txt');
    docker('kill', container('lrn-a'));
    const died = (await (await api('/api/workshop/sandbox', 'lrn-a')).json()) as { phase: string; reason: string };
    expect(died.phase).toBe('failed');
    expect(died.reason).toMatch(/stopped unexpectedly \(exit code 137\).*reset it/);
    // Another site's page cannot reset it (no Origin of ours): nothing changes.
    const foreign = await api('/api/workshop/sandbox/reset', 'lrn-a', { method: 'POST', fromPage: false });
    expect(foreign.status).toBe(403);
    expect(((await (await api('/api/workshop/sandbox', 'lrn-a')).json()) as { phase: string }).phase).toBe('failed');
    const reset = await api('/api/workshop/sandbox/reset', 'lrn-a', { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(((await reset.json()) as { phase: string }).phase).toBe('ready');
    expect(docker('exec', container('lrn-a'), 'sh', '-c', 'ls /home/learner/work | wc -l')).toBe('0');
    // B's sandbox was not touched.
    expect(docker('inspect', '--format', '{{.State.Running}}', container('lrn-b'))).toBe('true');
  }, 120_000);

  it("a visible page's presence beat starts a paused sandbox again, with its files", async () => {
    docker('exec', '-u', 'learner', container('lrn-b'), 'sh', '-c', 'echo kept > /home/learner/work/notes.txt');
    // Paused as the idle watch pauses it (stopped, disk kept).
    await dockerSlow('stop', '-t', '10', container('lrn-b'));
    expect(((await (await api('/api/workshop/sandbox', 'lrn-b')).json()) as { phase: string }).phase).toBe('paused');
    // The learner comes back: their page beats, and the sandbox starts again before any shell asks.
    expect((await api('/api/workshop/presence', 'lrn-b', { method: 'POST' })).status).toBe(204);
    await waitUntil('B runs again', () => docker('inspect', '--format', '{{.State.Running}}', container('lrn-b')) === 'true');
    expect(docker('exec', container('lrn-b'), 'cat', '/home/learner/work/notes.txt')).toBe('kept');
  }, 120_000);
});
