/**
 * Lessons 06–12 as code: every CLI Command block, in order, runs in a bash shell (like the
 * learner's terminal, a new one for each lesson) with the learner's values filled in, against moto.
 * Lesson 12 runs from both starting points its "Before you start" names, and the run ends with
 * nothing of the course left. Commands moto cannot run
 * use the stand-in declared beside them in the MDX; every stand-in used is printed.
 *
 * Before each step's first command its Check must not pass (so a Check that always passes is
 * caught); after the step's commands it runs again. Where moto can produce the state
 * the step asks for, the Check must pass. Where it cannot (it starts no tasks for a service,
 * registers no targets, sets no stop codes, gives tasks no public IP), the Check must observe
 * without error and not pass; those judges are covered by the fixture tests in checks/.
 *
 * No test traffic leaves this machine: moto's load balancer has a DNS name under elb.amazonaws.com,
 * so the checks' HTTP probe (`ctx.http`) goes to a loopback stand-in that answers for the learner's
 * load balancer with the sample app's page (tests/harness/alb-stub.ts) and refuses any other
 * non-loopback name without resolving it; the test asserts that nothing was refused. The network, image and cluster of lessons 03–05 are seeded with
 * the same CLI calls those lessons use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseChecks } from '../../checks/index.ts';
import { course } from '../../lessons/course.ts';
import type { CheckResult } from '../../src/checks/check-contract.ts';
import { createCheckContext } from '../../src/checks/check-context.ts';
import { runCheck } from '../../src/checks/run-check.ts';
import { fillVariables } from '../../src/lessons/command-variables.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';
import { startAlbStub, type AlbStub } from '../harness/alb-stub.ts';
import { startMoto, type Moto } from '../harness/moto.ts';
import type { CourseShell } from '../../src/course-run/course-shell.ts';
import { startRehearsalShell } from '../../src/course-run/rehearsal-shell.ts';
import { runLesson as runLessonCommands } from '../../src/course-run/run-lesson.ts';
import { learnerPath } from '../harness/learner-path.ts';
import { seedLessons03to04, seedLessons03to05 } from '../harness/seed-lessons-03-05.ts';

const workspace = mkdtempSync(join(tmpdir(), 'ecs-workbook-lessons2-'));
const vars = testVariables({ accountId: '123456789012', workspace });
const values = vars as unknown as Record<string, string>;
const registry = courseChecks.registry;

/** Steps whose state moto cannot produce, and why: these must observe cleanly but cannot pass. */
const beyondMoto: Record<string, string> = {
  'standalone-task/running': 'moto gives tasks no public IP and runs no container to answer HTTP',
  'service/running': 'moto never starts a service\'s tasks: the rollout stays IN_PROGRESS',
  'service/healthy-targets': 'moto registers no targets for a service',
  'self-healing/replaced': 'moto sets no stop code and starts no replacement',
  'self-healing/scaled-out': 'moto registers no targets for a service',
  'new-version/rolled-out': 'moto does not roll out: the deployment stays IN_PROGRESS (the version-2 page itself must pass)',
  'cloudformation/stack-complete': 'the stack completes, but its service never starts tasks in moto',
};

/**
 * Steps whose own commands change nothing the Check reads, so the state before them is already
 * the finished one: these must not pass at the start of their lesson instead.
 */
const notPassingAtLessonStart: Record<string, string> = {
  'service/reachable': 'its commands only read the DNS name; the load balancer and the service are made by the steps before it',
};

let moto: Moto;
let shell: CourseShell;
let alb: AlbStub;
const standInsUsed: string[] = [];
const results = new Map<string, CheckResult>();
const checkedBefore = new Set<string>();

async function check(stepId: string, lessonStartedAt: string): Promise<CheckResult> {
  const { ctx, dispose } = createCheckContext({ vars, lessonStartedAt, maxAttempts: 1, timeoutMs: 20_000, http: alb.http });
  try {
    return (await runCheck(await registry.load(stepId), ctx, { env: process.env })).result;
  } finally {
    dispose();
  }
}

/**
 * Each lesson starts in a new terminal, as a learner who comes back another day: nothing is set but
 * what the workbook's terminal sets, so a lesson that needs a variable of an earlier one fails here.
 * The product's rehearsal shell, set up as the workbook's terminal sets up the learner's, with AWS
 * CLI v2 first on PATH.
 */
async function newTerminal() {
  shell?.close();
  shell = await startRehearsalShell({ learnerEnv: { PATH: learnerPath(), HOME: process.env.HOME!, LANG: 'C.UTF-8', ...moto.env }, workspace, region: vars.region, real: false });
  shell.onOutput = (chunk) => onOutput?.(chunk);
}
let onOutput: ((chunk: string) => void) | undefined;

/** What the terminals printed while `work` ran, as the learner would have seen it. */
async function recording(work: () => Promise<void>): Promise<string> {
  let transcript = '';
  onOutput = (chunk) => (transcript += chunk);
  try {
    await work();
  } finally {
    onOutput = undefined;
  }
  return transcript;
}

function stepIdsOf(lesson: string): string[] {
  return course.byFolder(lesson)!.steps;
}

/**
 * Deleting a stack in moto deletes its log group, security groups and role, but not its ECS and
 * ELBv2 resources (moto has no CloudFormation delete for them); AWS deletes them all. This removes
 * what moto left, by the names the stack gave them, so the next starting point is the one AWS
 * would leave. Each deletion is skipped where the resource is already gone.
 */
const deleteWhatMotosStackDeletionLeft = `aws ecs delete-service --region {{region}} --cluster {{cluster}} --service {{service}} --force > /dev/null 2>&1
ALB_ARN=$(aws elbv2 describe-load-balancers --region {{region}} --names {{loadBalancer}} --query 'LoadBalancers[0].LoadBalancerArn' --output text 2>/dev/null)
if [ -n "$ALB_ARN" ] && [ "$ALB_ARN" != None ]; then aws elbv2 delete-load-balancer --region {{region}} --load-balancer-arn $ALB_ARN; fi
TG_ARN=$(aws elbv2 describe-target-groups --region {{region}} --names {{targetGroup}} --query 'TargetGroups[0].TargetGroupArn' --output text 2>/dev/null)
if [ -n "$TG_ARN" ] && [ "$TG_ARN" != None ]; then aws elbv2 delete-target-group --region {{region}} --target-group-arn $TG_ARN; fi
aws ecs delete-cluster --region {{region}} --cluster {{cluster}} > /dev/null 2>&1
for TD in $(aws ecs list-task-definitions --region {{region}} --family-prefix {{taskFamily}} --status ACTIVE --query 'taskDefinitionArns[]' --output text); do aws ecs deregister-task-definition --region {{region}} --task-definition $TD > /dev/null; done
true`;

async function removeWhatMotosStackDeletionLeft() {
  const removed = await shell.run(fillVariables(deleteWhatMotosStackDeletionLeft, values), 300_000);
  expect(removed.exitCode, removed.output).toBe(0);
}

/** `onlySteps`: a part of a lesson, as lesson 12 asks for ("lesson 11's second Step again"). */
async function runLesson(lesson: string, onlySteps?: string[]) {
  const lessonStartedAt = new Date(Date.now() - 1000).toISOString();
  const steps = onlySteps ?? stepIdsOf(lesson);
  const checkedThisRun = new Set<string>();
  await newTerminal();
  const notYet = async (step: string, when: string) => {
    const before = await check(step, lessonStartedAt);
    expect(before.status, `${step} ${when}: ${JSON.stringify(before.items, null, 1)}`).not.toBe('pass');
    expect(before.status, `${step} ${when} could not look: ${JSON.stringify(before.items, null, 1)}`).not.toBe('error');
    checkedBefore.add(step);
    checkedThisRun.add(step);
  };
  for (const step of steps.filter((id) => notPassingAtLessonStart[id])) await notYet(step, 'at the start of its lesson');
  const ran: string[] = [];
  // The product's rehearsal (`ecs-workbook course run`) runs the commands; the hooks hold the assertions.
  const outcome = await runLessonCommands({
    folder: lesson, shell, values, useStandIns: true, dir: 'lessons', commandTimeoutMs: 300_000,
    ...(onlySteps && { onlySteps }),
    beforeStep: async (step) => {
      if (!checkedThisRun.has(step)) await notYet(step, 'before its commands');
    },
    afterStep: async (step) => {
      ran.push(step);
      const outcome = await check(step, lessonStartedAt);
      results.set(step, outcome);
      const shown = JSON.stringify(outcome.items, null, 1);
      expect(outcome.status, `${step} could not look: ${shown}`).not.toBe('error');
      if (beyondMoto[step]) expect(outcome.status, `${step} (${beyondMoto[step]}): ${shown}`).not.toBe('pass');
      else expect(outcome.status, `${step} after its commands: ${shown}`).toBe('pass');
    },
  });
  for (const used of outcome.standInsUsed) standInsUsed.push(`${lesson}: ${used.code.split('\n')[0]!.slice(0, 90)}… → ${used.reason}`);
  expect(outcome.failure, outcome.failure && `${outcome.failure.text}\n${outcome.failure.result.output}`).toBeUndefined();
  expect(ran, 'every step has commands and was checked after them').toEqual(steps);
}

beforeAll(async () => {
  moto = await startMoto({ region: vars.region });
  Object.assign(process.env, moto.env);
  alb = await startAlbStub(vars);
  await newTerminal();
  const seeded = await shell.run(fillVariables(seedLessons03to05, values), 600_000);
  expect(seeded.exitCode, seeded.output).toBe(0);
}, 900_000);

afterAll(async () => {
  shell?.close();
  await alb?.close();
  await moto?.stop();
  rmSync(workspace, { recursive: true, force: true });
  console.log(`Stand-ins used (${standInsUsed.length}):\n${standInsUsed.map((line) => `  - ${line}`).join('\n')}`);
});

describe('lessons 06–12 as code, against moto', () => {
  it('06-task-definition: the role and the task definition pass their Checks; the log group keeps 7 days', async () => {
    await runLesson('06-task-definition');
    const group = await shell.run(fillVariables(`aws logs describe-log-groups --region {{region}} --log-group-name-prefix {{logGroup}} --query 'logGroups[0].retentionInDays' --output text`, values));
    expect(group.output.trim()).toBe('7');
  }, 900_000);
  it('07-standalone-task: a task runs by hand and is stopped', () => runLesson('07-standalone-task'), 900_000);
  it('08-service-alb: load balancer, target group, listener and service; 30 s deregistration delay', async () => {
    await runLesson('08-service-alb');
    // 30 s instead of 300 s of draining: the waits lessons 09–11 state depend on it.
    const delay = await shell.run(fillVariables(`TG_ARN=$(aws elbv2 describe-target-groups --region {{region}} --names {{targetGroup}} --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 describe-target-group-attributes --region {{region}} --target-group-arn $TG_ARN --query "Attributes[?Key=='deregistration_delay.timeout_seconds'].Value" --output text`, values));
    expect(delay.output.trim()).toBe('30');
  }, 900_000);
  it('09-self-healing: a task of the service is stopped; the service scales to 3 and back', () => runLesson('09-self-healing'), 900_000);
  it('10-new-version: image v2, revision 2, the service updated', () => runLesson('10-new-version'), 900_000);
  it('11-cleanup: everything is deleted, and both Checks prove it', () => runLesson('11-cleanup'), 900_000);
  // Lesson 12 names two starting points ("Before you start"); each is set up exactly as the lesson
  // describes it, and its "free the names" command must say what it found.
  it('12-cloudformation from its first starting point: all of lesson 11 done, lessons 03 and 04 re-run', async () => {
    // Only the VPC (with lesson 04's security groups) and the image exist: no cluster.
    const seeded = await shell.run(fillVariables(seedLessons03to04, values), 600_000);
    expect(seeded.exitCode, seeded.output).toBe(0);
    const transcript = await recording(() => runLesson('12-cloudformation'));
    expect(transcript).toContain(`no log group ${vars.logGroup}`);
    expect(transcript).toContain(`no target group ${vars.targetGroup}`);
    expect(transcript).toContain(`no cluster ${vars.cluster}`);
    expect(results.get('cloudformation/stack-complete')?.items.find((item) => item.id === 'stack')?.status).toBe('pass');
    await removeWhatMotosStackDeletionLeft();
  }, 900_000);

  it('12-cloudformation from its second starting point: only lesson 11\'s first Step done; lesson 11\'s second Step then ends clean', async () => {
    // What a learner has after lesson 11's first Step, made with the course's own commands: the
    // cluster (05), the log group and task definition (06; the role was never deleted), the load
    // balancer, target group and service (08), then lesson 11's first Step. The VPC and the image
    // are still there from the test above.
    const setUp = async (folder: string, onlySteps?: string[]) => {
      await newTerminal();
      const outcome = await runLessonCommands({ folder, shell, values, useStandIns: true, dir: 'lessons', commandTimeoutMs: 300_000, ...(onlySteps && { onlySteps }) });
      expect(outcome.failure, outcome.failure && `${folder}: ${outcome.failure.text}\n${outcome.failure.result.output}`).toBeUndefined();
    };
    await setUp('05-cluster');
    await setUp('06-task-definition', ['task-definition/registered']);
    await setUp('08-service-alb');
    await setUp('11-cleanup', ['cleanup/billable-gone']);
    const since = new Date(Date.now() - 60_000).toISOString();
    expect((await check('cleanup/billable-gone', since)).status, 'the load balancer and the service are gone').toBe('pass');
    // …and lesson 08's log group, target group and cluster still hold the stack's names.
    const held = await shell.run(fillVariables(`aws logs describe-log-groups --region {{region}} --log-group-name-prefix {{logGroup}} --query 'logGroups[].logGroupName' --output text
aws elbv2 describe-target-groups --region {{region}} --names {{targetGroup}} --query 'TargetGroups[0].TargetGroupName' --output text
aws ecs describe-clusters --region {{region}} --clusters {{cluster}} --query 'clusters[0].status' --output text`, values));
    expect(held.output.trim().split(/\s+/)).toEqual([vars.logGroup, vars.targetGroup, 'ACTIVE']);

    const transcript = await recording(() => runLesson('12-cloudformation'));
    expect(transcript).toContain('freed the log group name');
    expect(transcript).toContain('freed the target group name');
    expect(transcript).toContain('INACTIVE'); // the cluster, deleted
    expect(results.get('cloudformation/stack-complete')?.items.find((item) => item.id === 'stack')?.status).toBe('pass');
    await removeWhatMotosStackDeletionLeft();

    // "When you are done with the course, run lesson 11's second Step again": what the stack
    // deleted is skipped, and nothing of the course is left.
    const cleanup = await recording(() => runLesson('11-cleanup', ['cleanup/all-gone']));
    expect(cleanup).toContain(`no target group ${vars.targetGroup}: already deleted`);
    expect(cleanup).toContain(`no log group ${vars.logGroup}: already deleted`);
    expect(cleanup).toContain('VPC deleted');
    expect((await check('cleanup/billable-gone', since)).status).toBe('pass');
  }, 900_000);

  it('the load balancer answered through the loopback stand-in, and no check asked for any other name', () => {
    const item = (step: string, id: string) => {
      const found = results.get(step)?.items.find((entry) => entry.id === id);
      expect(found, `${step}: no item ${id} in ${JSON.stringify(results.get(step)?.items, null, 1)}`).toBeDefined();
      return found;
    };
    expect(item('service/reachable', 'http')).toMatchObject({ status: 'pass', actual: expect.stringContaining('HTTP 200') });
    expect(item('new-version/rolled-out', 'version')).toMatchObject({ status: 'pass', actual: 'version 2' });
    expect(alb.served.length).toBeGreaterThan(0);
    expect(alb.refused).toEqual([]);
  });

  it('every step of lessons 06–12 was checked, before and after its commands', () => {
    const lessons = ['06-task-definition', '07-standalone-task', '08-service-alb', '09-self-healing', '10-new-version', '11-cleanup', '12-cloudformation'];
    expect([...results.keys()].sort()).toEqual(lessons.flatMap(stepIdsOf).sort());
    expect([...checkedBefore].sort()).toEqual(lessons.flatMap(stepIdsOf).sort());
  });
});
