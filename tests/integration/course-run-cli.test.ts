/**
 * `ecs-workbook course run` as an author or instructor runs it, against moto: a lesson's commands
 * run in a bash like the learner's (AWS CLI v2 first on PATH) and each step's Check is printed;
 * without --real it refuses to start unless AWS_ENDPOINT_URL points at this machine; with --real
 * it asks first (and refuses without a terminal to ask in), and Ctrl-C runs the course cleanup.
 *
 * For the --real runs, "the configured account" is moto: a directory first on PATH holds an `aws`
 * that adds moto's endpoint (Debian's CLI v2 2.9 ignores AWS_ENDPOINT_URL), so nothing leaves this
 * machine.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../src/checks/aws-clients.ts';
import { startRehearsalShell } from '../../src/course-run/rehearsal-shell.ts';
import { fillVariables } from '../../src/lessons/command-variables.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';
import { learnerPath } from '../harness/learner-path.ts';
import { startMoto, type Moto } from '../harness/moto.ts';
import { seedLessons03to04 } from '../harness/seed-lessons-03-05.ts';

const root = resolve(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const temp = mkdtempSync(join(tmpdir(), 'wb-course-run-'));
const vars = testVariables();
let moto: Moto;
let env: Record<string, string>;

beforeAll(async () => {
  moto = await startMoto({ region: vars.region });
  const { AWS_PROFILE: _profile, ...awsEnv } = moto.env;
  env = {
    PATH: learnerPath(), HOME: process.env.HOME!, LANG: 'C', ...awsEnv,
    ECS_WORKBOOK_DATA_DIR: join(temp, 'data'), ECS_WORKBOOK_WORKSPACE: join(temp, 'workspace'),
  };
}, 60_000);

afterAll(async () => {
  await moto?.stop();
  rmSync(temp, { recursive: true, force: true });
});

async function courseRun(args: string[], extraEnv: Record<string, string | undefined> = {}) {
  const merged = Object.fromEntries(Object.entries({ ...env, ...extraEnv }).filter(([, value]) => value !== undefined)) as Record<string, string>;
  try {
    const { stdout, stderr } = await promisify(execFile)(node, ['bin/ecs-workbook.mjs', 'course', 'run', ...args], { cwd: root, env: merged, timeout: 240_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const aws = () => createAwsClients({ region: vars.region, maxAttempts: 1 });
const lessonVpcs = async () =>
  (await aws().ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: [vars.vpcName] }] }))).Vpcs ?? [];

describe('ecs-workbook course run', () => {
  it('runs lesson 05 against the emulator and prints its Check, which passes', async () => {
    Object.assign(process.env, moto.env);
    const result = await courseRun(['--lesson', 'cluster']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('$ aws ecs create-cluster');
    expect(result.stdout).toMatch(/✔ PASS cluster\/fargate/);
    expect(result.stdout).toContain('Every command ran and every Check passed.');
    expect(result.code).toBe(0);
    const clusters = await aws().ecs.send(new DescribeClustersCommand({ clusters: [vars.cluster] }));
    expect(clusters.clusters?.[0]?.status).toBe('ACTIVE');
  }, 240_000);

  it('without --real, refuses to start unless AWS_ENDPOINT_URL is a loopback emulator, and says what to do', async () => {
    const none = await courseRun(['--lesson', 'network'], { AWS_ENDPOINT_URL: undefined });
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('AWS_ENDPOINT_URL=http://127.0.0.1:');
    expect(none.stderr).toContain('--real');
    const remote = await courseRun(['--lesson', 'network'], { AWS_ENDPOINT_URL: 'https://ecs.example.com' });
    expect(remote.code).toBe(4);
    expect(remote.stderr).toContain('https://ecs.example.com');
    expect(await lessonVpcs()).toEqual([]);
  }, 60_000);

  it('with --real, states the cost and refuses to create anything without a terminal to ask in (or --yes)', async () => {
    const result = await courseRun(['--lesson', 'network', '--real']);
    expect(result.code).toBe(4);
    expect(result.stdout).toContain('04-network');
    expect(result.stdout).toContain('Free: VPCs, subnets');
    expect(result.stderr).toContain('--yes');
    expect(await lessonVpcs()).toEqual([]);
  }, 60_000);

  it('with no --lesson, plans the whole course 00 to 12, with lessons 03 and 04 again before 12, and says so first', async () => {
    const result = await courseRun(['--real']);
    expect(result.code).toBe(4); // no terminal to ask in: nothing is created
    const plan = result.stdout.split('\n').filter((line) => /^ {2}\d\d-/.test(line)).map((line) => line.trim().split(/\s+/)[0]);
    expect(plan).toEqual([
      '00-before-you-start', '01-containers', '02-dockerfile', '03-ecr', '04-network', '05-cluster', '06-task-definition',
      '07-standalone-task', '08-service-alb', '09-self-healing', '10-new-version', '11-cleanup', '03-ecr', '04-network', '12-cloudformation',
    ]);
    expect(result.stdout).toMatch(/ {2}03-ecr .*\(again: lesson 12 starts from this after lesson 11\): /);
    expect(result.stdout).toMatch(/ {2}12-cloudformation .*: As lesson 08 while the stack exists/);
    const through = await courseRun(['--real', '--through', 'cleanup']);
    expect(through.stdout).toContain('11-cleanup');
    expect(through.stdout).not.toContain('12-cloudformation');
    const both = await courseRun(['--through', 'cleanup', '--lesson', 'cluster']);
    expect(both.code).toBe(4);
    expect(both.stderr).toContain('not both');
    expect(await lessonVpcs()).toEqual([]);
  }, 120_000);

  it('an unknown lesson is named, with the list of lessons', async () => {
    const result = await courseRun(['--lesson', 'no-such-lesson']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('no-such-lesson');
    expect(result.stderr).toContain('cloudformation');
  });

  it('with --real --yes, Ctrl-C during lesson 04 stops it and runs the course cleanup: the VPC it made is gone', async () => {
    const shim = join(temp, 'account-bin');
    rmSync(shim, { recursive: true, force: true });
    await promisify(execFile)('mkdir', ['-p', shim]);
    writeFileSync(join(shim, 'aws'), `#!/bin/sh\nexec /usr/bin/aws --endpoint-url "${moto.endpoint}" "$@"\n`);
    chmodSync(join(shim, 'aws'), 0o755);
    const child = spawn(node, ['bin/ecs-workbook.mjs', 'course', 'run', '--lesson', 'network', '--real', '--yes'], {
      cwd: root, env: { ...env, PATH: `${shim}:${env.PATH}` },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // As soon as the first step's Check has been printed, the learner presses Ctrl-C.
    await new Promise<void>((done, fail) => {
      const timer = setInterval(() => {
        if (/PASS network\/vpc/.test(output)) {
          clearInterval(timer);
          child.kill('SIGINT');
          done();
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          fail(new Error(`exited before the first Check:\n${output}`));
        }
      }, 100);
    });
    expect((await lessonVpcs()).length).toBe(1);
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(output).toContain('Stopping (Ctrl-C)');
    expect(output).toContain('=== Cleanup ===');
    expect(output).toContain('aws ec2 delete-vpc');
    expect(output).not.toMatch(/PASS network\/subnets/); // it stopped where Ctrl-C was pressed
    expect(code, output).toBe(130);
    expect(await lessonVpcs()).toEqual([]);
  }, 300_000);

  it('runs lesson 12 against the emulator from its starting point: the stack is deployed, its Checks printed, and deleted', async () => {
    // Lesson 12's first starting point, made with lessons 03–04's commands: the VPC and the image.
    // (Last in this file: the VPC it leaves would count in the tests above.)
    const shell = await startRehearsalShell({ learnerEnv: { ...env, ...moto.env }, workspace: join(temp, 'workspace'), region: vars.region, real: false });
    try {
      const seeded = await shell.run(fillVariables(seedLessons03to04, vars as unknown as Record<string, string>), 300_000);
      expect(seeded.exitCode, seeded.output).toBe(0);
    } finally {
      shell.close();
    }
    const result = await courseRun(['--lesson', 'cloudformation']);
    expect(result.stdout).toContain('This rehearsal runs, in order:\n  12-cloudformation');
    expect(result.stdout).toContain('$ aws cloudformation deploy');
    // moto creates the stack but starts no task for its service, so the first Check cannot pass here.
    expect(result.stdout).toMatch(/cloudformation\/stack-complete/);
    expect(result.stdout).toMatch(/✔ PASS cloudformation\/stack-deleted/);
    expect(result.stderr).toBe('');
    expect(result.code, result.stdout).toBe(2);
  }, 300_000);
});
