/**
 * The end of a rehearsal on a real account, or its Ctrl-C: the course's own cleanup, so what it
 * deletes is exactly what a learner is told to delete. Lesson 12's stack first (deleting a stack
 * that does not exist is a no-op), then lesson 11's commands in order. Unlike a lesson, cleanup
 * carries on past a failed command: a resource that was never made must not keep the rest alive.
 */
import { join } from 'node:path';
import { fillVariables } from '../lessons/command-variables.ts';
import { lessonsDir } from '../lessons/lesson-frontmatter.ts';
import type { CourseShell } from './course-shell.ts';
import { runnableCommands } from './lesson-commands.ts';
import { failureOutput } from './run-lesson.ts';

export const cleanupSources = [
  { folder: '12-cloudformation', step: 'cloudformation/stack-deleted' },
  { folder: '11-cleanup', step: undefined },
] as const;

export interface CleanupCommandOutcome { text: string; ok: boolean; output: string }

export function cleanupCommands(values: Record<string, string>, dir = lessonsDir): string[] {
  return cleanupSources.flatMap(({ folder, step }) =>
    runnableCommands(join(dir, folder, 'en.mdx'))
      .filter((command) => step === undefined || command.step === step)
      .map((command) => fillVariables(command.code, values)),
  );
}

export async function runCleanup(shell: CourseShell, values: Record<string, string>, onCommand?: (text: string) => void): Promise<CleanupCommandOutcome[]> {
  const outcomes: CleanupCommandOutcome[] = [];
  for (const text of cleanupCommands(values)) {
    onCommand?.(text);
    try {
      const result = await shell.run(text, 900_000);
      outcomes.push({ text, ok: result.exitCode === 0 && !failureOutput.test(result.output), output: result.output });
    } catch (error) {
      outcomes.push({ text, ok: false, output: (error as Error).message });
    }
  }
  return outcomes;
}
