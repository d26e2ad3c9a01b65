/**
 * "New terminal? restore your variables": the blocks lessons 07 and 08 show are run in a fresh
 * bash (nothing set, as after opening a new terminal) against moto holding what lessons 03–08
 * leave, and must find every id again by its name. The fix commands' restore lines (the same
 * look-ups, built by the checks) are run the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreLines } from '../../src/checks/shared/restore-variables.ts';
import type { CourseShell } from '../../src/course-run/course-shell.ts';
import { runnableCommands } from '../../src/course-run/lesson-commands.ts';
import { startRehearsalShell } from '../../src/course-run/rehearsal-shell.ts';
import { fillVariables } from '../../src/lessons/command-variables.ts';
import { placeholderValues, testVariables } from '../../src/settings/learner-variables.ts';
import { learnerPath } from '../harness/learner-path.ts';
import { startMoto, type Moto } from '../harness/moto.ts';
import { seedLessons03to05 } from '../harness/seed-lessons-03-05.ts';

const workspace = mkdtempSync(join(tmpdir(), 'wb-restore-'));
const vars = testVariables({ accountId: '123456789012', workspace });
const values = placeholderValues(vars);
let moto: Moto;
const shells: CourseShell[] = [];

const freshShell = async () => {
  const shell = await startRehearsalShell({ learnerEnv: { PATH: learnerPath(), HOME: process.env.HOME!, LANG: 'C.UTF-8', ...moto.env }, workspace, region: vars.region, real: false });
  shells.push(shell);
  return shell;
};

/** The lesson's restore block: the one Command that sets this variable with `${NAME:-…}`. */
function restoreBlock(lesson: string, variable: string): string {
  const found = runnableCommands(`lessons/${lesson}/en.mdx`).filter((command) => command.code.includes(`${variable}=\${${variable}:-`));
  expect(found, `${lesson} has one restore block for ${variable}`).toHaveLength(1);
  return fillVariables(found[0]!.code, values);
}

beforeAll(async () => {
  moto = await startMoto({ region: vars.region });
  const setup = await freshShell();
  // What lessons 03–08 leave: the seed, lesson 07's security group, lesson 08's target group.
  const seeded = await setup.run(`${fillVariables(seedLessons03to05, values)}
aws ec2 create-security-group --region ${vars.region} --vpc-id $VPC_ID --group-name ${vars.vpcName}-standalone-sg --description standalone > /dev/null
aws elbv2 create-target-group --region ${vars.region} --name ${vars.targetGroup} --protocol HTTP --port 3000 --target-type ip --vpc-id $VPC_ID > /dev/null`, 600_000);
  expect(seeded.exitCode, seeded.output).toBe(0);
}, 900_000);

afterAll(async () => {
  for (const shell of shells) shell.close();
  await moto?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

describe('a new terminal can carry on', () => {
  it("lesson 08's block finds the subnets, the task security group and the target group by name", async () => {
    const shell = await freshShell();
    const result = await shell.run(`${restoreBlock('08-service-alb', 'TG_ARN')}\necho "found [$PUBLIC_A] [$PUBLIC_C] [$TASK_SG] [$TG_ARN]"`, 300_000);
    expect(result.exitCode, result.output).toBe(0);
    expect(result.output).toMatch(/found \[subnet-\w+\] \[subnet-\w+\] \[sg-\w+\] \[arn:aws:elasticloadbalancing:[^\]]+targetgroup\/ecs-fargate-tg\/\w+\]/);
  }, 300_000);

  it("lesson 07's block finds the lesson's security group by name", async () => {
    const shell = await freshShell();
    const result = await shell.run(`${restoreBlock('07-standalone-task', 'STANDALONE_SG')}\necho "found [$STANDALONE_SG]"`, 300_000);
    expect(result.exitCode, result.output).toBe(0);
    expect(result.output).toMatch(/found \[sg-\w+\]/);
  }, 300_000);

  it("the fix commands' restore lines find the same ids", async () => {
    const shell = await freshShell();
    const result = await shell.run(`${restoreLines(vars, ['PUBLIC_A', 'PUBLIC_C', 'TASK_SG', 'TG_ARN', 'IMAGE_URI'])}\necho "found [$PUBLIC_A] [$PUBLIC_C] [$TASK_SG] [$TG_ARN] [$IMAGE_URI]"`, 300_000);
    expect(result.exitCode, result.output).toBe(0);
    expect(result.output).toMatch(/found \[subnet-\w+\] \[subnet-\w+\] \[sg-\w+\] \[arn:aws:elasticloadbalancing:[^\]]+\] \[\d+\.dkr\.ecr\.ap-northeast-1\.amazonaws\.com\/ecs-handson-app:latest\]/);
  }, 300_000);
});
