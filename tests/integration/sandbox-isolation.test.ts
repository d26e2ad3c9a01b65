/**
 * Two learners in one workshop, each in a sandbox of their own on the real Docker engine: each gets
 * a shell, neither can reach the other (engine, files, processes, address), nor the host's services
 * or the cloud metadata address, and a fork bomb or a memory hog in one leaves the other's shell
 * answering. Where "cannot reach" could also mean "nothing there", the firewall rule's packet
 * counter shows the packets were dropped by the rule the provider put in place.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DockerSandboxProvider } from '../../src/sandbox/docker-provider.ts';
import type { ShellProcess } from '../../src/sandbox/shell-process.ts';
import { bridgeName, networkName } from '../../src/sandbox/workshop-network.ts';
import { enc, importBusyboxInside, readShell, testLimits, workshopForTest, firstBuildTimeoutMs } from '../harness/sandbox.ts';

let sandboxes: Awaited<ReturnType<typeof workshopForTest>>;
let provider: DockerSandboxProvider;
let shellA: ShellProcess;
let shellB: ShellProcess;
let outA: ReturnType<typeof readShell>;
let outB: ReturnType<typeof readShell>;
let hostService: Server;
let hostPort: number;

const run = (learner: string, script: string, timeoutMs = 20_000) => provider.exec(learner, ['bash', '-c', script], { timeoutMs });

/** Packets the workshop's firewall rule for `chain` matching `pattern` has counted so far. */
function droppedPackets(chain: string, pattern: RegExp): number {
  const rules = execFileSync('iptables', ['-w', '-L', chain, '-v', '-x', '-n'], { encoding: 'utf8' }).split('\n');
  const rule = rules.find((line) => line.includes(`ecs-workbook:${sandboxes.workshop}`) && pattern.test(line));
  if (!rule) throw new Error(`No workshop rule in ${chain} matching ${pattern}:\n${rules.join('\n')}`);
  return Number(rule.trim().split(/\s+/)[0]);
}

/** Types a command into a shell and waits for a marker it prints. */
async function typeAndWait(shell: ShellProcess, out: ReturnType<typeof readShell>, command: string, marker: string, timeoutMs = 15_000) {
  const before = out.text.length;
  shell.write(enc(`${command}; echo ${marker.slice(0, 1)}"${marker.slice(1)}"\n`));
  await out.waitFor(new RegExp(`${marker}\\r?\\n`), timeoutMs);
  return out.text.slice(before);
}

beforeAll(async () => {
  sandboxes = await workshopForTest('iso');
  provider = sandboxes.provider;
  [shellA, shellB] = await Promise.all([provider.openShell('lrn-a', { cols: 100, rows: 30 }), provider.openShell('lrn-b', { cols: 100, rows: 30 })]);
  outA = readShell(shellA);
  outB = readShell(shellB);
  await Promise.all([provider.engineReady('lrn-a'), provider.engineReady('lrn-b')]);
  await importBusyboxInside(provider, 'lrn-b');
  // The workbook server's stand-in: a service on the host's loopback.
  hostService = createServer((_request, response) => response.end('host service'));
  await new Promise<void>((resolve) => hostService.listen(0, '127.0.0.1', resolve));
  hostPort = (hostService.address() as AddressInfo).port;
}, firstBuildTimeoutMs);

afterAll(async () => {
  await Promise.all([shellA?.kill(), shellB?.kill()]);
  await sandboxes?.remove();
  hostService?.close();
}, 60_000);

describe('two learners in their own sandboxes', () => {
  it('each gets a prompt in their own sandbox, as the learner, not root', async () => {
    await outA.waitFor(/learner@sandbox:~\/work\$ $/m);
    await outB.waitFor(/learner@sandbox:~\/work\$ $/m);
    expect(await typeAndWait(shellA, outA, 'echo "I am $(id -un)" && touch ~/work/a-was-here', 'DONE-A')).toContain('I am learner');
    expect(await typeAndWait(shellB, outB, 'ls ~/work | wc -l', 'DONE-B')).toMatch(/^0\r?$/m);
  });

  it("A cannot see B's containers: each has an engine of their own", async () => {
    const started = await run('lrn-b', 'docker run -d --name b-secret ecs-workbook-test/busybox-base:latest sleep 1000 && docker ps --format "{{.Names}}"');
    expect(started.stdout).toContain('b-secret');
    const fromA = await run('lrn-a', 'docker ps -a --format "{{.Names}}"; docker inspect b-secret');
    expect(fromA.stdout).not.toContain('b-secret');
    expect(fromA.stderr).toMatch(/No such object: b-secret/);
    expect(fromA.exitCode).not.toBe(0);
  });

  it("A cannot see B's files or processes", async () => {
    await run('lrn-b', 'echo secret > ~/work/b-secret-file; (setsid sleep 4242 &)');
    expect((await run('lrn-b', 'ps -eo args')).stdout).toContain('sleep 4242');
    expect((await run('lrn-a', 'ps -eo args')).stdout).not.toContain('sleep 4242');
    const files = await run('lrn-a', 'find / -xdev -name "b-secret-*" 2>/dev/null; ls ~/work');
    expect(files.stdout).not.toContain('b-secret-file');
    expect(files.stdout).toContain('a-was-here');
  });

  it("A cannot reach B's sandbox address, though B's service answers there", async () => {
    await run('lrn-b', '(setsid busybox httpd -p 8080 -h /home/learner/work &) ; sleep 0.3');
    const addressB = await provider.address('lrn-b');
    expect(addressB).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect((await run('lrn-b', `curl -s -m 3 http://${addressB}:8080/b-secret-file`)).stdout).toBe('secret\n');
    const fromA = await run('lrn-a', `curl -s -m 3 -o /dev/null http://${addressB}:8080/b-secret-file; echo "curl exit $?"`);
    // 28: no answer at all within the time (dropped), rather than 7 (refused by a listening host).
    expect(fromA.stdout).toContain('curl exit 28');
  });

  it('A cannot reach the cloud metadata address: the rule drops the packets', async () => {
    const before = droppedPackets('DOCKER-USER', /169\.254\.0\.0\/16/);
    const fromA = await run('lrn-a', 'curl -s -m 2 http://169.254.169.254/latest/meta-data/; echo "curl exit $?"');
    expect(fromA.stdout).toContain('curl exit 28');
    expect(droppedPackets('DOCKER-USER', /169\.254\.0\.0\/16/)).toBeGreaterThan(before);
  });

  it("A cannot reach the host's loopback services, on 127.0.0.1 or through the gateway", async () => {
    const fromHost = await fetch(`http://127.0.0.1:${hostPort}/`);
    expect(await fromHost.text()).toBe('host service');
    // The sandbox's 127.0.0.1 is its own: nothing listens there.
    const loopback = await run('lrn-a', `curl -s -m 3 http://127.0.0.1:${hostPort}/; echo "curl exit $?"`);
    expect(loopback.stdout).toContain('curl exit 7');
    const gateway = execFileSync('docker', ['network', 'inspect', networkName(sandboxes.workshop), '--format', '{{(index .IPAM.Config 0).Gateway}}'], { encoding: 'utf8' }).trim();
    expect(gateway).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const before = droppedPackets('INPUT', new RegExp(bridgeName(sandboxes.workshop)));
    const throughGateway = await run('lrn-a', `curl -s -m 3 http://${gateway}:${hostPort}/; echo "curl exit $?"`);
    expect(throughGateway.stdout).toContain('curl exit 28');
    expect(droppedPackets('INPUT', new RegExp(bridgeName(sandboxes.workshop)))).toBeGreaterThan(before);
  });
});

describe('limits', () => {
  it("a memory hog in A's shell is killed at A's limit", async () => {
    const hog = await run('lrn-a', `head -c ${testLimits.memoryMiB * 2}M /dev/zero | tail > /dev/null; echo "tail exit \${PIPESTATUS[1]}"`, 60_000);
    expect(hog.stdout).toContain('tail exit 137');
  }, 70_000);

  it("a memory hog in a container of A's own engine is bounded by A's limit too", async () => {
    await importBusyboxInside(provider, 'lrn-a');
    const hog = await run('lrn-a', `docker run --rm ecs-workbook-test/busybox-base:latest sh -c 'head -c ${testLimits.memoryMiB * 2}m /dev/zero | tail > /dev/null'; echo "run exit $?"`, 90_000);
    expect(hog.stdout).toMatch(/run exit (137|1)/);
    expect(hog.stdout).not.toContain('run exit 0');
  }, 100_000);

  it("a fork bomb in A stops at A's process limit, and B's shell keeps answering", async () => {
    // In the background of A's shell, as a learner would type it; it never ends by itself.
    shellA.write(enc('bomb() { bomb | bomb & }; bomb\n'));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const started = Date.now();
    expect(await typeAndWait(shellB, outB, 'echo "B answers $((6 * 7))"', 'DONE-B2', 10_000)).toContain('B answers 42');
    expect(Date.now() - started).toBeLessThan(5000);
    const stats = JSON.parse(execFileSync('docker', ['stats', '--no-stream', '--format', '{{json .}}', `ecsw-${sandboxes.workshop}-l-lrn-a`], { encoding: 'utf8' })) as { PIDs: string };
    expect(Number(stats.PIDs)).toBeGreaterThan(testLimits.pids / 2);
    expect(Number(stats.PIDs)).toBeLessThanOrEqual(testLimits.pids);
  }, 60_000);

  it('a reset gives A a fresh sandbox: the bomb and the files are gone', async () => {
    await provider.reset('lrn-a');
    const fresh = await run('lrn-a', 'ls ~/work; ps -e | grep -c bash || true');
    expect(fresh.stdout).not.toContain('a-was-here');
    expect(fresh.exitCode).toBe(0);
    expect((await provider.status('lrn-a')).phase).toBe('ready');
  }, 60_000);
});
