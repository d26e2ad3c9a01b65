/**
 * Every loop in a lesson's commands that waits (sleeps) is bounded, and the ones that wait for a
 * security group to be free stop at once with a clear message when the ID they need is empty or
 * `None`, instead of retrying forever. The blocks run in a real bash, exactly as the page shows
 * them, against an `aws` that answers what the case needs; `sleep` is a no-op so a timeout takes
 * no time.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillVariables } from '../../src/lessons/command-variables.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';
import { lessonCommands } from '../harness/lesson-commands.ts';

const lessonsDir = join(import.meta.dirname, '../../lessons');
const values = testVariables() as unknown as Record<string, string>;
// Only the lessons whose page mentions `sleep` are parsed: lesson 12's commands name constants it
// imports, which the harness cannot evaluate, and it has no loop (should one appear, parsing fails loudly).
const lessons = readdirSync(lessonsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /\bsleep\b/.test(readFileSync(join(lessonsDir, entry.name, 'en.mdx'), 'utf8')))
  .map((entry) => entry.name)
  .sort();

function commandsOf(lesson: string) {
  return lessonCommands(join(lessonsDir, lesson, 'en.mdx')).filter((command) => !command.output);
}

describe('every wait loop in the lessons is bounded', () => {
  const waiting = lessons.flatMap((lesson) => commandsOf(lesson).filter((command) => /\bsleep\b/.test(command.code)).map((command) => ({ lesson, code: command.code })));

  it('finds the loops that wait', () => {
    expect(waiting.map((entry) => entry.lesson)).toEqual(expect.arrayContaining(['07-standalone-task', '10-new-version', '11-cleanup']));
  });

  it.each(waiting.map((entry) => [entry.lesson, entry.code.split('\n')[0], entry.code] as const))('%s: %s', (_lesson, _first, code) => {
    // `until`/`while` repeat for as long as their condition says; a `for` over a fixed list ends.
    expect(code).not.toMatch(/\b(until|while)\b/);
  });
});

const fakeBin = mkdtempSync(join(tmpdir(), 'ecs-workbook-fake-aws-'));
const callLog = join(fakeBin, 'calls.log');
// An `aws` for these blocks only: the VPC and security-group IDs come from the environment, and
// deleting a group fails as it does while a network interface still uses it.
writeFileSync(join(fakeBin, 'aws'), `#!/bin/bash
echo "$*" >> "${callLog}"
case "$2" in
  describe-vpcs) echo "$FAKE_VPC_ID" ;;
  describe-security-groups) echo "$FAKE_SG_ID" ;;
  describe-load-balancers) echo "$FAKE_ALB_DNS" ;;
  describe-services) echo "$FAKE_DEPLOYMENTS" ;;
  delete-security-group) echo "An error occurred (DependencyViolation): resource has a dependent object" >&2; exit 1 ;;
esac
`);
chmodSync(join(fakeBin, 'aws'), 0o755);
// A load balancer that does not answer.
writeFileSync(join(fakeBin, 'curl'), `#!/bin/bash
echo "curl $*" >> "${callLog}"
exit 7
`);
chmodSync(join(fakeBin, 'curl'), 0o755);
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

function runBlock(code: string, env: Record<string, string>) {
  writeFileSync(callLog, '');
  const result = spawnSync('/bin/bash', ['-c', `sleep() { :; }\n${fillVariables(code, values)}`], {
    env: { PATH: `${fakeBin}:/usr/bin:/bin`, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const calls = readFileSync(callLog, 'utf8').split('\n');
  const deletes = calls.filter((line) => line.includes('delete-security-group'));
  const requests = calls.filter((line) => line.startsWith('curl '));
  return { exitCode: result.status, output: result.stdout + result.stderr, deletes, requests };
}

function blockDeleting(lesson: string): string {
  const found = commandsOf(lesson).filter((command) => command.code.includes('delete-security-group'));
  expect(found).toHaveLength(1);
  return found[0]!.code;
}

describe("lesson 07's cleanup of the standalone security group", () => {
  const code = blockDeleting('07-standalone-task');

  it.each(['', 'None'])('stops at once with what to do when STANDALONE_SG is %j', (sg) => {
    const run = runBlock(code, { STANDALONE_SG: sg });
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain('STANDALONE_SG is empty');
    expect(run.deletes).toEqual([]);
  });

  it('gives up after 20 tries, showing each, when the group stays in use', () => {
    const run = runBlock(code, { STANDALONE_SG: 'sg-0123' });
    expect(run.exitCode).toBe(1);
    expect(run.deletes).toHaveLength(20);
    expect(run.output).toContain('(20/20)');
    expect(run.output).toContain('sg-0123 is still in use after 5 minutes');
  }, 30_000);
});

describe("lesson 11's deletion of the lesson's security groups", () => {
  const code = blockDeleting('11-cleanup');

  it.each(['', 'None'])('deletes nothing and says so for each name when the group ID is %j', (sg) => {
    const run = runBlock(code, { FAKE_VPC_ID: 'vpc-0abc', FAKE_SG_ID: sg });
    expect(run.deletes).toEqual([]);
    expect(run.output).toContain(`no security group ${values.vpcName}-standalone-sg in VPC vpc-0abc`);
    expect(run.output).toContain(`no security group ${values.taskSecurityGroup} in VPC vpc-0abc`);
    expect(run.output).toContain(`no security group ${values.albSecurityGroup} in VPC vpc-0abc`);
  });

  it('gives up on each group (lesson 07\'s too, which would block the VPC) after 30 tries, showing each, when it stays in use', () => {
    const run = runBlock(code, { FAKE_VPC_ID: 'vpc-0abc', FAKE_SG_ID: 'sg-0456' });
    expect(run.deletes).toHaveLength(90);
    expect(run.output).toContain(`${values.vpcName}-standalone-sg is still in use after 10 minutes`);
    expect(run.output).toContain('(30/30)');
    expect(run.output).toContain(`${values.taskSecurityGroup} is still in use after 10 minutes`);
    expect(run.output).toContain(`${values.albSecurityGroup} is still in use after 10 minutes`);
  }, 30_000);
});

describe("lesson 10's requests to the load balancer during the rollout", () => {
  const found = commandsOf('10-new-version').filter((command) => command.code.includes('curl'));
  expect(found).toHaveLength(1);
  const code = found[0]!.code;

  it.each(['', 'None'])('sends none and says why when the load balancer\'s name is %j', (dns) => {
    const run = runBlock(code, { FAKE_ALB_DNS: dns });
    expect(run.requests).toEqual([]);
    expect(run.output).toContain(`No load balancer ${values.loadBalancer}`);
  });

  it('asks six times, each with a time limit, and shows each unanswered try', () => {
    const run = runBlock(code, { FAKE_ALB_DNS: 'lb-1.example.test' });
    expect(run.requests).toHaveLength(6);
    expect(run.requests.every((line) => line.includes('-m 5'))).toBe(true);
    expect(run.output).toContain('no answer (6/6)');
  });
});

describe("lesson 10's watch on the circuit breaker", () => {
  const found = commandsOf('10-new-version').filter((command) => command.code.includes('rolloutStateReason'));
  expect(found).toHaveLength(1);
  const code = found[0]!.code;
  const watches = (output: string) => output.split('\n').filter((line) => line.startsWith('--- waiting for the circuit breaker'));

  it('gives up after 30 looks (15 minutes), showing each, while a deployment stays IN_PROGRESS', () => {
    const run = runBlock(code, { FAKE_DEPLOYMENTS: 'PRIMARY\tarn:task-definition/f:3\tIN_PROGRESS\t2\tNone' });
    expect(watches(run.output)).toHaveLength(30);
    expect(run.output).toContain('(30/30, every 30 s, 15 minutes at most)');
  });

  it('stops at the first look once no deployment is in progress (rolled back, or completed)', () => {
    const run = runBlock(code, { FAKE_DEPLOYMENTS: 'PRIMARY\tarn:task-definition/f:2\tCOMPLETED\t0\tNone' });
    expect(watches(run.output)).toEqual([]);
    expect(run.output).toContain('no deployment in progress');
  });
});
