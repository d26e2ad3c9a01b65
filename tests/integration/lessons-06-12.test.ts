/**
 * Lessons 06–12 as code: every CLI Command block, in order, runs in one bash shell (like the
 * learner's terminal) with the learner's values filled in, against moto. Commands moto cannot run
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
import { seedLessons03to05 } from '../harness/seed-lessons-03-05.ts';

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

function stepIdsOf(lesson: string): string[] {
  return course.byFolder(lesson)!.steps;
}

async function runLesson(lesson: string) {
  const lessonStartedAt = new Date(Date.now() - 1000).toISOString();
  const steps = stepIdsOf(lesson);
  const notYet = async (step: string, when: string) => {
    const before = await check(step, lessonStartedAt);
    expect(before.status, `${step} ${when}: ${JSON.stringify(before.items, null, 1)}`).not.toBe('pass');
    expect(before.status, `${step} ${when} could not look: ${JSON.stringify(before.items, null, 1)}`).not.toBe('error');
    checkedBefore.add(step);
  };
  for (const step of steps.filter((id) => notPassingAtLessonStart[id])) await notYet(step, 'at the start of its lesson');
  const ran: string[] = [];
  // The product's rehearsal (`ecs-workbook course run`) runs the commands; the hooks hold the assertions.
  const outcome = await runLessonCommands({
    folder: lesson, shell, values, useStandIns: true, dir: 'lessons', commandTimeoutMs: 300_000,
    beforeStep: async (step) => {
      if (!checkedBefore.has(step)) await notYet(step, 'before its commands');
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
  // The product's rehearsal shell, set up as the workbook's terminal sets up the learner's, with
  // AWS CLI v2 first on PATH.
  shell = await startRehearsalShell({ learnerEnv: { PATH: learnerPath(), HOME: process.env.HOME!, LANG: 'C.UTF-8', ...moto.env }, workspace, region: vars.region, real: false });
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
  it('06-task-definition: the role and the task definition pass their Checks', () => runLesson('06-task-definition'), 900_000);
  it('07-standalone-task: a task runs by hand and is stopped', () => runLesson('07-standalone-task'), 900_000);
  it('08-service-alb: load balancer, target group, listener and service', () => runLesson('08-service-alb'), 900_000);
  it('09-self-healing: a task of the service is stopped; the service scales to 3 and back', () => runLesson('09-self-healing'), 900_000);
  it('10-new-version: image v2, revision 2, the service updated', () => runLesson('10-new-version'), 900_000);
  it('11-cleanup: everything is deleted, and both Checks prove it', () => runLesson('11-cleanup'), 900_000);
  it('12-cloudformation: the template deploys to moto and is deleted', async () => {
    // The lesson asks to rebuild lessons 03–04 after a full cleanup; the test does the same.
    const seeded = await shell.run(fillVariables(seedLessons03to05, values), 600_000);
    expect(seeded.exitCode, seeded.output).toBe(0);
    await runLesson('12-cloudformation');
    expect(results.get('cloudformation/stack-complete')?.items.find((item) => item.id === 'stack')?.status).toBe('pass');
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
