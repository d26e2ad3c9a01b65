/**
 * The course's checks: one module per step, `checks/<step id>.ts`, for every step the course
 * manifest (`lessons/course.ts`) lists, and each lesson's texts in `checks/<lesson>/messages.ts`.
 * Loaders are lazy so the CLI loads only the checks it runs. The server and the CLI hand this to
 * the check engine.
 */
import { fileURLToPath } from 'node:url';
import { course } from '../lessons/course.ts';
import { createRegistry } from '../src/checks/check-registry.ts';
import type { CourseChecks } from '../src/checks/course-checks.ts';
import { mergeDictionaries, type Dictionaries } from '../src/checks/render-message.ts';

/** This folder, for tests that read fixtures beside the checks. */
export const checksDir = fileURLToPath(new URL('./', import.meta.url));

type MessagesModule = { messages?: { en?: Record<string, string>; ja?: Record<string, string> } };

/** Each lesson's `messages.ts`, by its check folder. */
export async function loadLessonMessages(): Promise<Map<string, Dictionaries>> {
  const found = new Map<string, Dictionaries>();
  for (const lesson of course.lessons) {
    const module = (await import(`./${lesson.checks}/messages.ts`)) as MessagesModule;
    if (!module.messages?.en) throw new Error(`checks/${lesson.checks}/messages.ts must export \`messages = { en: {...}, ja: {...} }\`.`);
    found.set(lesson.checks, { en: module.messages.en, ja: module.messages.ja ?? {} });
  }
  return found;
}

let dictionaries: Promise<Dictionaries> | undefined;

/** `checks/<lesson>/<step>.ts` for step id `<lesson>/<step>` (split, so bundlers see a two-level path). */
function loadStep(id: string) {
  const [lesson, step] = id.split('/');
  return import(`./${lesson}/${step}.ts`);
}

export const courseChecks: CourseChecks = {
  registry: createRegistry(Object.fromEntries(course.stepIds().map((id) => [id, () => loadStep(id)]))),
  dictionaries: () => (dictionaries ??= loadLessonMessages().then((lessons) => mergeDictionaries(lessons.values()))),
};
