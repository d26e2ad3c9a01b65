/**
 * A learner's shell and commands in their sandbox through docker exec, as the terminal and the
 * checks use them: the terminal's size reaches the shell, a paused reader holds the output back,
 * killing the shell ends what it started, and a command past its time limit is ended with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DockerSandboxProvider } from '../../src/sandbox/docker-provider.ts';
import { enc, readShell, workshopForTest, firstBuildTimeoutMs } from '../harness/sandbox.ts';

const learner = 'lrn-shell';
let sandboxes: Awaited<ReturnType<typeof workshopForTest>>;
let provider: DockerSandboxProvider;

const processes = async () => (await provider.exec(learner, ['ps', '-eo', 'args'], { timeoutMs: 10_000 })).stdout;

beforeAll(async () => {
  sandboxes = await workshopForTest('sh');
  provider = sandboxes.provider;
  await provider.claim(learner);
}, firstBuildTimeoutMs);

afterAll(async () => {
  await sandboxes?.remove();
}, 60_000);

describe('shells and commands in a sandbox', () => {
  it('the shell has the terminal’s size, and follows a resize', async () => {
    const shell = await provider.openShell(learner, { cols: 91, rows: 27 });
    const out = readShell(shell);
    await out.waitFor(/\$ $/m);
    shell.write(enc('stty size\n'));
    await out.waitFor(/^27 91\r?$/m);
    shell.resize(120, 40);
    await new Promise((resolve) => setTimeout(resolve, 300));
    shell.write(enc('stty size\n'));
    await out.waitFor(/^40 120\r?$/m);
    await shell.kill();
  }, 60_000);

  it('a paused shell holds its output back until resumed', async () => {
    const shell = await provider.openShell(learner, { cols: 80, rows: 24 });
    const out = readShell(shell);
    await out.waitFor(/\$ $/m);
    shell.pause();
    shell.write(enc('echo HE"LD"\n'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(out.text).not.toContain('HELD');
    shell.resume();
    await out.waitFor(/HELD/);
    await shell.kill();
  }, 60_000);

  it('killing the shell ends it and everything it started, and says it exited', async () => {
    const shell = await provider.openShell(learner, { cols: 80, rows: 24 });
    const out = readShell(shell);
    let exited: number | undefined;
    shell.onExit((code) => (exited = code));
    await out.waitFor(/\$ $/m);
    shell.write(enc('sleep 4711 & sleep 4712\n'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await processes()).toContain('sleep 4711');
    await shell.kill();
    expect(exited).toBeDefined();
    const left = await processes();
    expect(left).not.toContain('sleep 4711');
    expect(left).not.toContain('sleep 4712');
  }, 60_000);

  it('a shell that ends by itself reports its exit code', async () => {
    const shell = await provider.openShell(learner, { cols: 80, rows: 24 });
    const out = readShell(shell);
    const exited = new Promise<number>((resolve) => shell.onExit(resolve));
    await out.waitFor(/\$ $/m);
    shell.write(enc('exit 3\n'));
    expect(await exited).toBe(3);
  }, 60_000);

  it('a command past its time limit is ended with what it started, and says it timed out', async () => {
    const started = Date.now();
    const result = await provider.exec(learner, ['bash', '-c', 'echo begun; sleep 4713 & sleep 4714'], { timeoutMs: 1500 });
    expect(result).toMatchObject({ timedOut: true, exitCode: -1, stdout: 'begun\n' });
    expect(Date.now() - started).toBeLessThan(10_000);
    const left = await processes();
    expect(left).not.toContain('sleep 4713');
    expect(left).not.toContain('sleep 4714');
  }, 60_000);

  it('a command gets its own environment and exit code, stdout and stderr apart', async () => {
    const result = await provider.exec(learner, ['bash', '-c', 'echo "$GREETING"; echo oops >&2; exit 4'], { timeoutMs: 10_000, env: { GREETING: 'hello' } });
    expect(result).toEqual({ exitCode: 4, stdout: 'hello\n', stderr: 'oops\n', timedOut: false });
  }, 30_000);
});
