/**
 * Lessons 01 and 02 as a learner does them in a workshop: every Command runs inside their sandbox,
 * against the sandbox's own Docker engine, and each step's Check runs inside too, through the
 * `ecs-workbook` CLI of the image (`check <step> --json`), as the workshop server will run it. A
 * step's check must not pass before its commands and must pass after them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillVariables } from '../../src/lessons/command-variables.ts';
import { learnerVariables } from '../../src/settings/learner-variables.ts';
import type { DockerSandboxProvider } from '../../src/sandbox/docker-provider.ts';
import { lessonCommands } from '../harness/lesson-commands.ts';
import { importBusyboxInside, workshopForTest, firstBuildTimeoutMs } from '../harness/sandbox.ts';

const learner = 'lrn-lessons';
const workspace = '/home/learner/work';
// The image's CLI has no settings of the learner's: default names, the workspace from its environment.
const values = learnerVariables({ workspace }, { region: 'ap-northeast-1' }) as unknown as Record<string, string>;

let sandboxes: Awaited<ReturnType<typeof workshopForTest>>;
let provider: DockerSandboxProvider;

/** The step's check inside the sandbox, as the workshop server will run it: printed, never recorded there. */
async function checkInside(step: string): Promise<{ status: string; items: unknown }> {
  const result = await provider.exec(learner, ['ecs-workbook', 'check', step, '--json', '--no-record'], { timeoutMs: 60_000 });
  // One step prints its result itself (several print { results }).
  const report = JSON.parse(result.stdout || '{}') as { step?: string; status?: string; items?: unknown };
  if (report.step !== step || !report.status) throw new Error(`No result for ${step}: ${result.stdout} ${result.stderr}`);
  return { status: report.status, items: report.items };
}

beforeAll(async () => {
  sandboxes = await workshopForTest('chk');
  provider = sandboxes.provider;
  await provider.claim(learner);
  await provider.engineReady(learner);
  await importBusyboxInside(provider, learner);
}, firstBuildTimeoutMs);

afterAll(async () => {
  await sandboxes?.remove();
}, 60_000);

describe('lessons 01–02 inside a sandbox', () => {
  for (const lesson of ['01-containers', '02-dockerfile']) {
    it(`${lesson}: each step's check, run inside, fails before its commands and passes after`, async () => {
      const commands = lessonCommands(`lessons/${lesson}/en.mdx`).filter((command) => !command.output && command.tab !== 'console');
      const checked = new Set<string>();
      for (let index = 0; index < commands.length; index++) {
        const command = commands[index]!;
        if (command.step && !checked.has(command.step)) {
          checked.add(command.step);
          const before = await checkInside(command.step);
          expect(before.status, `${command.step} before its commands: ${JSON.stringify(before.items)}`).not.toBe('pass');
        }
        const text = fillVariables(command.standIn ?? command.code, values);
        const ran = await provider.exec(learner, ['bash', '-c', `mkdir -p ${workspace} && cd ${workspace} && ${text}`], { timeoutMs: 120_000 });
        expect(ran.exitCode, `${text}\n${ran.stdout}\n${ran.stderr}`).toBe(0);
        const next = commands[index + 1];
        if (command.step && next?.step !== command.step) {
          const after = await checkInside(command.step);
          expect(after.status, `${command.step} after its commands: ${JSON.stringify(after.items, null, 1)}`).toBe('pass');
        }
      }
    }, 300_000);
  }
});
