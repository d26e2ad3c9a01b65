/**
 * A workshop's checks run inside the learner's sandbox and are recorded by the server for that
 * learner: the check service with the sandbox runner, over a real progress file, against the
 * sandbox's own Docker engine (lessons 01–02) and against moto with credentials that exist only
 * inside the sandbox (the identity lookup included).
 *
 * How moto is reachable from the sandbox, in this test only: the workshop firewall drops
 * everything a sandbox sends to the host, and a sandbox's 127.0.0.1 is its own. So moto listens on
 * the workshop bridge's gateway address (a host address on that bridge, not loopback), and the test
 * inserts one ACCEPT rule ahead of the workshop's DROP for that one port, tagged and removed after.
 * In production no such hole exists: a sandbox never reaches the host (sandbox-isolation.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseChecks } from '../../checks/index.ts';
import { createCheckService, type CheckService } from '../../src/checks/check-service.ts';
import { openProgressStore, type ProgressStore } from '../../src/progress/progress-store.ts';
import { fillVariables } from '../../src/lessons/command-variables.ts';
import { learnerVariables } from '../../src/settings/learner-variables.ts';
import { createDockerSandboxProvider, type DockerSandboxProvider } from '../../src/sandbox/docker-provider.ts';
import { bridgeName, networkName } from '../../src/sandbox/workshop-network.ts';
import { sandboxCheckRunner } from '../../src/workshop/sandbox-check-runner.ts';
import { lessonCommands } from '../harness/lesson-commands.ts';
import { freePort, startMoto, type Moto } from '../harness/moto.ts';
import { importBusyboxInside, testLimits, workshopForTest, firstBuildTimeoutMs } from '../harness/sandbox.ts';

const learnerA = 'lrn-chk-a';
const learnerB = 'lrn-chk-b';
const workspace = '/home/learner/work';
const secretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSANDBOXONLY';

let sandboxes: Awaited<ReturnType<typeof workshopForTest>>;
let provider: DockerSandboxProvider;
let dir: string;
let store: ProgressStore;
let serviceA: CheckService;
let serviceB: CheckService;
let moto: Moto | undefined;
let holeRule: string[] | undefined;

const serviceFor = (learner: string) =>
  createCheckService(store.forLearner(learner), {
    checks: courseChecks,
    // The server's own environment has no AWS credentials at all: whatever passes, passed inside.
    env: { PATH: process.env.PATH },
    runner: sandboxCheckRunner({ provider, learner, settings: () => store.forLearner(learner).getSettings() }),
    // A ceiling, not a wait: on a busy 2-core machine the CLI's cold start in a 1-CPU sandbox alone
    // has taken most of the default 20 s (seen once: container-running "did not finish in 21 s").
    checkTimeoutMs: 60_000,
  });

beforeAll(async () => {
  sandboxes = await workshopForTest('wchk');
  provider = sandboxes.provider;
  dir = mkdtempSync(join(tmpdir(), 'wbtest-workshop-life-'));
  store = openProgressStore(dir);
  serviceA = serviceFor(learnerA);
  serviceB = serviceFor(learnerB);
  await Promise.all([provider.claim(learnerA), provider.claim(learnerB)]);
  await provider.engineReady(learnerA);
  await importBusyboxInside(provider, learnerA);
}, firstBuildTimeoutMs);

afterAll(async () => {
  if (holeRule) execFileSync('iptables', ['-w', '-D', ...holeRule]);
  await moto?.stop();
  await sandboxes?.remove();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('checks inside the learner sandbox, recorded by the server', () => {
  for (const lesson of ['01-containers', '02-dockerfile']) {
    it(`${lesson}: each step fails before its commands and passes after, recorded for that learner only`, async () => {
      const values = learnerVariables({ workspace }, { region: 'ap-northeast-1' }) as unknown as Record<string, string>;
      const commands = lessonCommands(`lessons/${lesson}/en.mdx`).filter((command) => !command.output && command.tab !== 'console');
      const checked = new Set<string>();
      for (let index = 0; index < commands.length; index++) {
        const command = commands[index]!;
        if (command.step && !checked.has(command.step)) {
          checked.add(command.step);
          const { attempt } = await serviceA.run(command.step, { source: 'browser' });
          expect(attempt.status, `${command.step} before its commands: ${JSON.stringify(attempt.result.items)}`).not.toBe('pass');
        }
        const text = fillVariables(command.standIn ?? command.code, values);
        const ran = await provider.exec(learnerA, ['bash', '-c', `mkdir -p ${workspace} && cd ${workspace} && ${text}`], { timeoutMs: 120_000 });
        expect(ran.exitCode, `${text}\n${ran.stdout}\n${ran.stderr}`).toBe(0);
        const next = commands[index + 1];
        if (command.step && next?.step !== command.step) {
          const { attempt } = await serviceA.run(command.step, { source: 'browser' });
          expect(attempt.status, `${command.step} after its commands: ${JSON.stringify(attempt.result.items, null, 1)}`).toBe('pass');
          expect(store.forLearner(learnerA).statuses()[command.step]).toBe('pass');
        }
      }
      // B's sandbox has none of A's work, and B's progress none of A's results.
      for (const step of checked) expect(store.forLearner(learnerB).statuses()[step]).toBeUndefined();
      const { attempt } = await serviceB.run([...checked].at(-1)!, { source: 'browser' });
      expect(attempt.status).not.toBe('pass');
    }, 400_000);
  }

  it('an AWS check against moto passes inside: credentials and identity lookup stay in the sandbox', async () => {
    const gateway = execFileSync('docker', ['network', 'inspect', networkName(sandboxes.workshop), '--format', '{{(index .IPAM.Config 0).Gateway}}'], { encoding: 'utf8' }).trim();
    const port = await freePort();
    holeRule = ['INPUT', '-i', bridgeName(sandboxes.workshop), '-p', 'tcp', '--dport', String(port), '-m', 'comment', '--comment', `wbtest-workshop-life:${sandboxes.workshop}`, '-j', 'ACCEPT'];
    execFileSync('iptables', ['-w', '-I', holeRule[0]!, '1', ...holeRule.slice(1)]);
    moto = await startMoto({ host: gateway, port });
    // What a learner does in their terminal: `aws configure`, here with moto's endpoint in ~/.profile.
    const configured = await provider.exec(learnerA, ['bash', '-c', [
      'aws configure set aws_access_key_id AKIAIOSFODNN7SANDBOX',
      `aws configure set aws_secret_access_key '${secretKey}'`,
      'aws configure set region ap-northeast-1',
      `echo 'export AWS_ENDPOINT_URL=${moto.endpoint} AWS_EC2_METADATA_DISABLED=true' >> ~/.profile`,
    ].join(' && ')], { timeoutMs: 30_000 });
    expect(configured.exitCode, configured.stderr).toBe(0);

    expect(await serviceA.refreshIdentity(20_000)).toEqual({ accountId: '123456789012', arn: expect.stringContaining('arn:aws:') });
    const { attempt } = await serviceA.run('setup/aws-identity', { source: 'browser' });
    expect(attempt.status, JSON.stringify(attempt.result.items)).toBe('pass');
    expect(serviceA.identity()?.accountId).toBe('123456789012');
    // The same check for B, whose sandbox has no credentials, says so; A's identity is not B's.
    const forB = await serviceB.run('setup/aws-identity', { source: 'browser' });
    expect(forB.attempt.status).not.toBe('pass');
    expect(serviceB.identity()).toBeUndefined();
    // The server's progress file holds the account, never the secret.
    store.close();
    const file = readFileSync(join(dir, 'progress.sqlite'));
    store = openProgressStore(dir);
    expect(file.includes(Buffer.from(secretKey))).toBe(false);
    expect(file.includes(Buffer.from('123456789012'))).toBe(true);
  }, 180_000);

  it('a sandbox that cannot start gives "could not check", never a failure of the learner', async () => {
    // A real failure: this provider's image does not exist, so the engine cannot create the sandbox.
    const noImage = await createDockerSandboxProvider({ workshop: sandboxes.workshop, image: 'ecs-workbook-sandbox:wbtest-workshop-life-missing', limits: testLimits });
    const broken = createCheckService(store.forLearner('lrn-chk-c'), {
      checks: courseChecks,
      env: { PATH: process.env.PATH },
      runner: sandboxCheckRunner({ provider: noImage, learner: 'lrn-chk-c', settings: () => ({}) }),
    });
    const step = (await broken.registry()).stepIds().find((id) => id.startsWith('containers/'))!;
    const { attempt } = await broken.run(step, { source: 'browser' });
    expect(attempt.status).toBe('error');
    expect(JSON.stringify(attempt.result)).toMatch(/could not start/i);
    expect(store.forLearner('lrn-chk-c').statuses()[step]).toBe('error');
  }, 60_000);
});
