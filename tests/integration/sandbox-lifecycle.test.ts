/**
 * A workshop's sandboxes over their life on the real Docker engine: a warm pool claimed atomically,
 * starts queued behind a limit with each learner's place in line, pause and resume keeping files,
 * a restarted server re-adopting sandboxes from their labels, and sweep and shutdown leaving
 * nothing behind. Prints start → first prompt times, warm and cold, and an idle sandbox's memory.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerSandboxProvider, type DockerSandboxProvider } from '../../src/sandbox/docker-provider.ts';
import { workshopLabel } from '../../src/sandbox/workshop-network.ts';
import { enc, importBusyboxInside, readShell, sandboxImage, testLimits, workshopForTest, firstBuildTimeoutMs } from '../harness/sandbox.ts';

let sandboxes: Awaited<ReturnType<typeof workshopForTest>>;
let provider: DockerSandboxProvider;
const prompt = /learner@sandbox:~\/work\$ $/m;

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const labelled = (kind: 'container' | 'volume' | 'network') =>
  docker(...(kind === 'container' ? ['ps', '-a'] : [kind, 'ls']), '--filter', `label=${workshopLabel}=${sandboxes.workshop}`, '--format', kind === 'container' ? '{{.Names}}' : '{{.Name}}').split('\n').filter(Boolean);
const names = () => docker('ps', '-a', '--filter', `label=${workshopLabel}=${sandboxes.workshop}`, '--format', '{{.Names}}').split('\n').filter(Boolean).sort();

/** Seconds from asking for a shell to seeing the learner's prompt. */
async function timeToPrompt(learner: string): Promise<number> {
  const started = performance.now();
  const shell = await provider.openShell(learner, { cols: 80, rows: 24 });
  await readShell(shell).waitFor(prompt, 30_000);
  const seconds = (performance.now() - started) / 1000;
  await shell.kill();
  return seconds;
}

beforeAll(async () => {
  sandboxes = await workshopForTest('life', { maxConcurrentStarts: 2 });
  provider = sandboxes.provider;
}, firstBuildTimeoutMs);

afterAll(async () => {
  await sandboxes?.remove();
}, 60_000);

describe('sandbox lifecycle', () => {
  it('a warm sandbox is claimed by renaming it, and its first prompt comes sooner than a cold one', async () => {
    await provider.warm(1);
    expect(names()).toEqual([expect.stringMatching(new RegExp(`^ecsw-${sandboxes.workshop}-warm-[0-9a-f]{10}$`))]);
    const warm = await timeToPrompt('lrn-warm');
    expect(names()).toEqual([`ecsw-${sandboxes.workshop}-l-lrn-warm`]);
    const cold = await timeToPrompt('lrn-cold');
    console.log(`start → first prompt: warm ${warm.toFixed(2)} s, cold ${cold.toFixed(2)} s`);
    expect(warm).toBeLessThan(cold);
  }, 120_000);

  it('two learners claiming one warm sandbox at once get one each: the engine renames atomically', async () => {
    await provider.warm(1);
    const [first, second] = await Promise.all([provider.claim('lrn-race1'), provider.claim('lrn-race2')]);
    expect([first.phase, second.phase]).toEqual(['ready', 'ready']);
    const ids = ['lrn-race1', 'lrn-race2'].map((learner) => docker('inspect', '--format', '{{.Id}}', `ecsw-${sandboxes.workshop}-l-${learner}`));
    expect(new Set(ids).size).toBe(2);
    expect(names().filter((name) => name.includes('-warm-'))).toEqual([]);
  }, 120_000);

  it('starts beyond the limit wait in line, and each learner hears how many are ahead', async () => {
    const heard: Record<string, number[]> = {};
    const queued = await createDockerSandboxProvider({
      workshop: sandboxes.workshop, image: await sandboxImage(), limits: testLimits, maxConcurrentStarts: 1,
      onQueue: (learner, ahead) => (heard[learner] ??= []).push(ahead),
    });
    await Promise.all(['lrn-q1', 'lrn-q2', 'lrn-q3'].map((learner) => queued.claim(learner)));
    // One starts at once, one waits behind one, the last behind two, then one, then starts.
    const heardInOrder = Object.values(heard).sort((a, b) => a[0]! - b[0]!);
    expect(heardInOrder).toEqual([[0], [1, 0], [2, 1, 0]]);
    await Promise.all(['lrn-q1', 'lrn-q2', 'lrn-q3'].map((learner) => queued.destroy(learner)));
  }, 180_000);

  it('pause stops the sandbox and keeps its disk; resume brings back files and images', async () => {
    await provider.exec('lrn-cold', ['bash', '-c', 'echo "my work" > ~/work/notes.txt'], { timeoutMs: 10_000 });
    await provider.engineReady('lrn-cold');
    await importBusyboxInside(provider, 'lrn-cold');
    await provider.pause('lrn-cold');
    expect((await provider.status('lrn-cold')).phase).toBe('paused');
    expect(docker('inspect', '--format', '{{.State.Running}}', `ecsw-${sandboxes.workshop}-l-lrn-cold`)).toBe('false');
    await provider.resume('lrn-cold');
    expect((await provider.status('lrn-cold')).phase).toBe('ready');
    expect((await provider.exec('lrn-cold', ['cat', '/home/learner/work/notes.txt'], { timeoutMs: 10_000 })).stdout).toBe('my work\n');
    await provider.engineReady('lrn-cold');
    const images = await provider.exec('lrn-cold', ['docker', 'image', 'ls', '--format', '{{.Repository}}'], { timeoutMs: 10_000 });
    expect(images.stdout).toContain('ecs-workbook-test/busybox-base');
  }, 120_000);

  it('an idle sandbox uses little memory', async () => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const usage = docker('stats', '--no-stream', '--format', '{{.MemUsage}}', `ecsw-${sandboxes.workshop}-l-lrn-cold`);
    console.log(`idle sandbox memory (engine inside running): ${usage}`);
    const mib = Number.parseFloat(usage) * (/GiB/.test(usage.split('/')[0]!) ? 1024 : /KiB/.test(usage.split('/')[0]!) ? 1 / 1024 : 1);
    expect(mib).toBeLessThan(testLimits.memoryMiB);
  }, 30_000);

  it('a new provider (the server restarted) re-adopts the sandboxes from their labels and names', async () => {
    const restarted = await createDockerSandboxProvider({ workshop: sandboxes.workshop, image: await sandboxImage(), limits: testLimits });
    const adopted = await restarted.adopt();
    expect(adopted.map((status) => status.learner).sort()).toEqual(['lrn-cold', 'lrn-race1', 'lrn-race2', 'lrn-warm']);
    expect(adopted.every((status) => status.phase === 'ready')).toBe(true);
    const shell = await restarted.openShell('lrn-cold', { cols: 80, rows: 24 });
    const out = readShell(shell);
    shell.write(enc('cat notes.txt\n'));
    await out.waitFor(/my work/);
    await shell.kill();
    expect(names()).toHaveLength(4);
  }, 60_000);

  it('a new provider (the server restarted) claims the warm sandboxes the last one started', async () => {
    await provider.warm(1);
    const warmId = docker('ps', '--filter', `name=ecsw-${sandboxes.workshop}-warm-`, '--format', '{{.ID}}');
    expect(warmId).not.toBe('');
    const restarted = await createDockerSandboxProvider({ workshop: sandboxes.workshop, image: await sandboxImage(), limits: testLimits });
    expect((await restarted.claim('lrn-late')).phase).toBe('ready');
    expect(docker('inspect', '--format', '{{.Id}}', `ecsw-${sandboxes.workshop}-l-lrn-late`)).toMatch(new RegExp(`^${warmId}`));
    expect(names().filter((name) => name.includes('-warm-'))).toEqual([]);
  }, 60_000);

  it('a sandbox that dies says so, and starts again with its files when the learner returns', async () => {
    docker('kill', `ecsw-${sandboxes.workshop}-l-lrn-warm`);
    const died = await provider.status('lrn-warm');
    expect(died.phase).toBe('failed');
    expect(died.reason).toMatch(/stopped unexpectedly .* reset it to start a fresh one/);
    await provider.exec('lrn-warm', ['true'], { timeoutMs: 10_000 });
    expect((await provider.status('lrn-warm')).phase).toBe('ready');
  }, 60_000);

  it('sweep removes the sandboxes of learners the store does not know, with their volumes', async () => {
    const removed = await provider.sweep(new Set(['lrn-cold']));
    expect(removed.filter((name) => !name.includes('-docker-')).sort()).toEqual(['lrn-late', 'lrn-race1', 'lrn-race2', 'lrn-warm'].map((learner) => `ecsw-${sandboxes.workshop}-l-${learner}`));
    expect(names()).toEqual([`ecsw-${sandboxes.workshop}-l-lrn-cold`]);
    expect(labelled('volume')).toHaveLength(1);
  }, 60_000);

  it('shutdown leaves no container, volume, network or firewall rule of the workshop', async () => {
    await provider.shutdown();
    expect(labelled('container')).toEqual([]);
    expect(labelled('volume')).toEqual([]);
    expect(labelled('network')).toEqual([]);
    expect(execFileSync('iptables-save', { encoding: 'utf8' })).not.toContain(`ecs-workbook:${sandboxes.workshop}`);
  }, 60_000);
});
