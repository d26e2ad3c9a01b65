/**
 * Runs one lesson's commands in order in a shell, as a learner who presses every Run button would,
 * and hands each finished step to `afterStep` (the caller runs and shows its Check). It stops at
 * the first command that fails, as the learner would have to.
 */
import { join } from 'node:path';
import { fillVariables } from '../lessons/command-variables.ts';
import { lessonsDir } from '../lessons/lesson-frontmatter.ts';
import type { CourseShell, ShellResult } from './course-shell.ts';
import { runnableCommands, type LessonCommand } from './lesson-commands.ts';

/** Printed by the AWS CLI, Docker, bash or Python when a command went wrong, even behind a pipe that hid the exit code. */
export const failureOutput = /An error occurred|Error response from daemon|command not found|Traceback|Unknown options/;

export interface LessonRunOptions {
  /** `lessons/<folder>`. */
  folder: string;
  shell: CourseShell;
  /** The learner's values for `{{placeholders}}`. */
  values: Record<string, string>;
  /** Against an emulator: the stand-ins the lessons declare for what it cannot do. */
  useStandIns: boolean;
  /** Per command; the lesson's own waits are bounded, so this only catches a hang. */
  commandTimeoutMs?: number;
  dir?: string;
  /**
   * Only these steps' commands (and the commands outside any step, which set up what the steps
   * use). Lesson 12 asks for "lesson 11's first Step" or "lesson 11's second Step again".
   */
  onlySteps?: readonly string[];
  /** Before a step's first command (a test proves its Check does not pass yet). */
  beforeStep?(step: string): Promise<void>;
  /** After a step's last command. */
  afterStep?(step: string): Promise<void>;
  /** Before each command runs, with the text sent to the shell. */
  onCommand?(command: LessonCommand, text: string): void;
  /** Asked before each command: true stops the lesson (Ctrl-C). */
  stopped?(): boolean;
}

export interface CommandFailure { command: LessonCommand; text: string; result: ShellResult }

export interface LessonRunOutcome {
  commands: number;
  standInsUsed: { code: string; reason: string }[];
  /** The command that failed, when one did; the lesson stopped there. */
  failure?: CommandFailure;
  interrupted: boolean;
}

export async function runLesson(options: LessonRunOptions): Promise<LessonRunOutcome> {
  const commands = runnableCommands(join(options.dir ?? lessonsDir, options.folder, 'en.mdx'))
    .filter((command) => !options.onlySteps || !command.step || options.onlySteps.includes(command.step));
  const outcome: LessonRunOutcome = { commands: 0, standInsUsed: [], interrupted: false };
  const started = new Set<string>();
  for (let index = 0; index < commands.length; index++) {
    if (options.stopped?.()) return { ...outcome, interrupted: true };
    const command = commands[index]!;
    if (command.step && !started.has(command.step)) {
      started.add(command.step);
      await options.beforeStep?.(command.step);
    }
    const useStandIn = options.useStandIns && command.standIn !== undefined;
    const text = fillVariables(useStandIn ? command.standIn! : command.code, options.values);
    if (useStandIn) outcome.standInsUsed.push({ code: command.code, reason: command.standInReason! });
    options.onCommand?.(command, text);
    const result = await options.shell.run(text, options.commandTimeoutMs ?? 900_000);
    outcome.commands++;
    if (options.stopped?.()) return { ...outcome, interrupted: true };
    if (result.exitCode !== 0 || failureOutput.test(result.output)) return { ...outcome, failure: { command, text, result } };
    const next = commands[index + 1];
    if (command.step && next?.step !== command.step) await options.afterStep?.(command.step);
  }
  return outcome;
}
