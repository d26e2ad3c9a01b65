/**
 * A workshop server as a real child process over a real data folder and the real Docker engine:
 * killed with SIGKILL and started again, it re-adopts its learners' sandboxes (files kept) and sweeps
 * what its store does not know; `workshop stop` (from the data folder's control file) and the time
 * limit each leave no container, network or volume of the workshop, and the progress file keeps
 * every result. A learner given more time keeps their sandbox past the workshop's end, until their
 * own end.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProgressStore } from '../../src/progress/progress-store.ts';
import { createDockerSandboxProvider } from '../../src/sandbox/docker-provider.ts';
import { workshopLabel } from '../../src/sandbox/workshop-network.ts';
import { controlPath } from '../../src/workshop/control-file.ts';
import { stopWorkshop } from '../../src/workshop/stop-command.ts';
import { sweepWorkshop } from '../../src/workshop/workshop-end.ts';
import Docker from 'dockerode';
import { sandboxImage, testLimits, firstBuildTimeoutMs } from '../harness/sandbox.ts';
import { TerminalClient, type TestServer } from './terminal/terminal-harness.ts';

// Each test its own port (E2E_PORT 4420's range): a failed test's server must not block the next.
let nextPort = 4421;
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const labelled = (workshop: string, kind: 'container' | 'volume' | 'network') =>
  docker(...(kind === 'container' ? ['ps', '-a'] : [kind, 'ls']), '--filter', `label=${workshopLabel}=${workshop}`, '--format', kind === 'container' ? '{{.Names}}' : '{{.Name}}').split('\n').filter(Boolean).sort();

let image: string;
const dirs: string[] = [];
const workshops: string[] = [];
const children: ChildProcess[] = [];

interface Started { child: ChildProcess; ready: { url: string; secret: string; adopted: string[]; removed: string[] }; lines: string[] }

/** Starts the server and resolves with its ready line. */
function startServer(dataDir: string, workshop: string, env: Record<string, string> = {}, port = nextPort++): Promise<Started> {
  const child = spawn(process.execPath, ['tests/harness/lifecycle-server.ts'], {
    env: { ...process.env, WBTEST_DATA_DIR: dataDir, WBTEST_WORKSHOP: workshop, WBTEST_IMAGE: image, WBTEST_PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        lines.push(line);
        if (line.includes('"ready":true')) resolve({ child, ready: JSON.parse(line), lines });
      }
    });
    child.once('exit', (code) => reject(new Error(`The server exited (${code}) before it was ready:\n${errors}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

function newWorkshop(learners: string[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'wbtest-workshop-life-'));
  dirs.push(dataDir);
  writeFileSync(join(dataDir, 'wbtest-learners.json'), JSON.stringify(learners));
  const workshop = `tlife-${randomBytes(3).toString('hex')}`;
  workshops.push(workshop);
  return { dataDir, workshop };
}

async function runCheck(url: string, learner: string, step: string) {
  const response = await fetch(`${url}/api/checks/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, cookie: `wbtest-learner=${learner}` },
    body: JSON.stringify({ step, source: 'browser' }),
  });
  return { status: response.status, body: (await response.json()) as { attempt?: { status: string; learner: string } } };
}

beforeAll(async () => {
  image = await sandboxImage();
}, firstBuildTimeoutMs);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && !child.signalCode) child.kill('SIGKILL');
  for (const workshop of workshops) await sweepWorkshop(new Docker(), workshop);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('a workshop server killed, restarted, stopped', () => {
  it('after kill -9 and a restart, sandboxes are adopted with their files and strays swept; stop leaves nothing', async () => {
    const { dataDir, workshop } = newWorkshop(['lrn-a', 'lrn-b']);
    const first = await startServer(dataDir, workshop, { WBTEST_CLAIM: 'lrn-a,lrn-b' });
    expect(statSync(controlPath(dataDir)).mode & 0o777).toBe(0o600);
    docker('exec', '-u', 'learner', `ecsw-${workshop}-l-lrn-a`, 'sh', '-c', 'echo "before the crash" > /home/learner/work/notes.txt');
    // A's check runs in A's sandbox (its own engine answers) and is recorded for A.
    const checked = await runCheck(first.ready.url, 'lrn-a', 'setup/docker');
    expect(checked.body.attempt?.status, JSON.stringify(checked.body)).toBe('pass');
    // A sandbox the store never heard of (a join that crashed before its row was written).
    const stray = await createDockerSandboxProvider({ workshop, image, limits: testLimits });
    await stray.claim('lrn-ghost');
    // B's sandbox was paused (stopped) when the crash came.
    docker('stop', '-t', '5', `ecsw-${workshop}-l-lrn-b`);

    first.child.kill('SIGKILL');
    await exited(first.child);
    // The crash left everything where it was.
    expect(labelled(workshop, 'container')).toEqual([`ecsw-${workshop}-l-lrn-a`, `ecsw-${workshop}-l-lrn-b`, `ecsw-${workshop}-l-lrn-ghost`]);

    const second = await startServer(dataDir, workshop, {});
    expect(second.ready.adopted).toEqual(['lrn-a:ready', 'lrn-b:paused']);
    expect(second.ready.removed).toContain(`ecsw-${workshop}-l-lrn-ghost`);
    expect(labelled(workshop, 'container')).toEqual([`ecsw-${workshop}-l-lrn-a`, `ecsw-${workshop}-l-lrn-b`]);
    expect(labelled(workshop, 'volume')).toHaveLength(2);
    expect(docker('exec', `ecsw-${workshop}-l-lrn-a`, 'cat', '/home/learner/work/notes.txt')).toBe('before the crash');
    // The restarted server still runs A's checks in A's sandbox, and B's in B's (resumed for it).
    expect((await runCheck(second.ready.url, 'lrn-b', 'setup/docker')).body.attempt?.status).toBe('pass');

    const stopped = await stopWorkshop(dataDir);
    expect(stopped.how).toBe('asked');
    expect(await exited(second.child)).toBe(0);
    expect(labelled(workshop, 'container')).toEqual([]);
    expect(labelled(workshop, 'volume')).toEqual([]);
    expect(labelled(workshop, 'network')).toEqual([]);
    expect(execFileSync('iptables-save', { encoding: 'utf8' })).not.toContain(`ecs-workbook:${workshop}`);
    expect(existsSync(controlPath(dataDir))).toBe(false);
    // Progress stays in the SQLite file.
    const store = openProgressStore(dataDir);
    expect(store.forLearner('lrn-a').statuses()['setup/docker']).toBe('pass');
    expect(store.forLearner('lrn-b').statuses()['setup/docker']).toBe('pass');
    store.close();
  }, 300_000);

  it('stop after the server died removes what it left, found by the workshop label', async () => {
    const { dataDir, workshop } = newWorkshop(['lrn-c']);
    const server = await startServer(dataDir, workshop, { WBTEST_CLAIM: 'lrn-c' });
    server.child.kill('SIGKILL');
    await exited(server.child);
    expect(labelled(workshop, 'container')).toHaveLength(1);
    const stopped = await stopWorkshop(dataDir);
    expect(stopped.how).toBe('cleaned');
    expect(labelled(workshop, 'container')).toEqual([]);
    expect(labelled(workshop, 'volume')).toEqual([]);
    expect(labelled(workshop, 'network')).toEqual([]);
  }, 180_000);

  it('the time limit ends the workshop by itself and leaves nothing', async () => {
    const { dataDir, workshop } = newWorkshop(['lrn-d']);
    const server = await startServer(dataDir, workshop, { WBTEST_CLAIM: 'lrn-d', WBTEST_TIME_LIMIT_MS: '8000' });
    expect(labelled(workshop, 'container')).toHaveLength(1);
    expect(await exited(server.child)).toBe(0);
    expect(server.lines.some((line) => line.includes('"ended":"time-limit"'))).toBe(true);
    expect(labelled(workshop, 'container')).toEqual([]);
    expect(labelled(workshop, 'volume')).toEqual([]);
    expect(labelled(workshop, 'network')).toEqual([]);
  }, 180_000);

  it('a learner given more time keeps their sandbox past the workshop’s end; at their own end the same happens to them', async () => {
    const { dataDir, workshop } = newWorkshop(['lrn-e', 'lrn-f']);
    // The workshop's time ends 12 s after ready; the instructor gave lrn-f 12 s more.
    const server = await startServer(dataDir, workshop, { WBTEST_CLAIM: 'lrn-e,lrn-f', WBTEST_TIME_LIMIT_MS: '12000', WBTEST_EXTRA_MS: 'lrn-f=12000' });
    const { url, secret } = server.ready;
    const shellOf = async (learner: string) => {
      const shell = new TerminalClient({ origin: url, url: `${url.replace('http', 'ws')}/terminal` } as TestServer, { cookie: `wbtest-learner=${learner}` });
      await shell.opened;
      shell.hello(secret);
      await shell.waitFor(/learner@/, 60_000);
      return shell;
    };
    const [eve, fay] = [await shellOf('lrn-e'), await shellOf('lrn-f')];
    const deadlineOf = async (learner: string) => ((await (await fetch(`${url}/api/room`, { headers: { cookie: `wbtest-learner=${learner}` } })).json()) as { deadline: string }).deadline;
    const [eveEnds, fayEnds] = [await deadlineOf('lrn-e'), await deadlineOf('lrn-f')];
    // Each learner is shown their own end.
    expect(Date.parse(fayEnds) - Date.parse(eveEnds)).toBe(12_000);

    // The workshop's end: lrn-e's shell is told and her sandbox removed; the server stays up for lrn-f.
    await eve.waitFor('Your time in this workshop has ended', 40_000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(eveEnds));
    await expect.poll(() => labelled(workshop, 'container'), { timeout: 30_000 }).toEqual([`ecsw-${workshop}-l-lrn-f`]);
    expect(server.child.exitCode).toBeNull();
    fay.type('echo "still-$((2+3))"\r');
    await fay.waitFor('still-5', 20_000);
    // Nothing starts lrn-e's sandbox again: a new shell is refused with the reason, a Check does not run there.
    const again = new TerminalClient({ origin: url, url: `${url.replace('http', 'ws')}/terminal` } as TestServer, { cookie: 'wbtest-learner=lrn-e' });
    await again.opened;
    again.hello(secret);
    expect((await again.closed).reason).toMatch(/Your time in this workshop has ended/);
    expect((await runCheck(url, 'lrn-e', 'setup/docker')).body.attempt?.status).not.toBe('pass');
    expect(labelled(workshop, 'container')).toEqual([`ecsw-${workshop}-l-lrn-f`]);

    // lrn-f's own end: the same happens to her, and with the last learner's time up the workshop ends.
    await fay.waitFor('The workshop has ended', 40_000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(fayEnds));
    expect(await exited(server.child)).toBe(0);
    expect(server.lines.some((line) => line.includes('"ended":"time-limit"'))).toBe(true);
    expect(labelled(workshop, 'container')).toEqual([]);
    expect(labelled(workshop, 'volume')).toEqual([]);
    expect(labelled(workshop, 'network')).toEqual([]);
  }, 240_000);

  it('stop with a data folder where no workshop ran says what to do', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wbtest-workshop-life-'));
    dirs.push(dataDir);
    await expect(stopWorkshop(dataDir)).rejects.toThrow(/No workshop has run in .* Give the same --data-dir/);
  });
});
