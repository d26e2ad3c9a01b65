/**
 * The shape of the course manifest (`lessons/course.ts`): which lessons exist, in what order, and
 * for each the three names it goes by (its folder under `lessons/`, its URL slug, its folder under
 * `checks/` that also prefixes its step ids and message keys) and its checked steps. Pages, the
 * CLI and the check registry all read the one manifest; a unit test ties it to the lessons'
 * frontmatter and to each check module's id.
 */
import { z } from 'zod';
import { stepIdPattern } from './lesson-schema.ts';

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const manifestLessonSchema = z
  .object({
    folder: z
      .string()
      .regex(/^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lesson folder looks like "<nn>-<slug>", e.g. "03-ecr"')
      .describe('Folder under `lessons/` holding `en.mdx` (and `ja.mdx`): `<nn>-<slug>`.'),
    slug: z.string().regex(kebab).describe('URL segment of the lesson, `/<lang>/<slug>/`, and the name `--lesson` takes.'),
    checks: z
      .string()
      .regex(kebab)
      .describe('Folder under `checks/` with the step checks and `messages.ts`; every step id and message key starts with it.'),
    steps: z
      .array(z.string().regex(stepIdPattern))
      .describe('The checked steps in course order; each `<checks>/<step>` is the module `checks/<checks>/<step>.ts`.'),
  })
  .strict()
  .superRefine((lesson, ctx) => {
    if (!lesson.folder.endsWith(`-${lesson.slug}`)) ctx.addIssue({ code: 'custom', path: ['slug'], message: `folder "${lesson.folder}" must end in "-${lesson.slug}"` });
    lesson.steps.forEach((step, index) => {
      if (!step.startsWith(`${lesson.checks}/`)) ctx.addIssue({ code: 'custom', path: ['steps', index], message: `step "${step}" must start with "${lesson.checks}/"` });
    });
  })
  .describe('One lesson of the course and the names it goes by.');

export const manifestSchema = z
  .array(manifestLessonSchema)
  .superRefine((lessons, ctx) => {
    for (const field of ['folder', 'slug', 'checks'] as const) {
      const seen = new Set<string>();
      lessons.forEach((lesson, index) => {
        if (seen.has(lesson[field])) ctx.addIssue({ code: 'custom', path: [index, field], message: `${field} "${lesson[field]}" is used by two lessons` });
        seen.add(lesson[field]);
      });
    }
  })
  .describe('Every lesson of the course, in course order.');

export type ManifestLesson = z.infer<typeof manifestLessonSchema>;

export interface Course {
  lessons: readonly ManifestLesson[];
  /** Every step id in course order. */
  stepIds(): string[];
  /** A lesson by its slug (`before-you-start`), folder (`00-before-you-start`) or check folder (`setup`). */
  findLesson(name: string): ManifestLesson | undefined;
  /** The lesson whose folder under `lessons/` is this one. */
  byFolder(folder: string): ManifestLesson | undefined;
}

/** Validates the manifest once, when it is first imported, so a mistake names the lesson and field. */
export function defineCourse(input: ManifestLesson[]): Course {
  const parsed = manifestSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  lessons[${issue.path.join('].')}: ${issue.message}`);
    throw new Error(`lessons/course.ts is not a valid course manifest:\n${problems.join('\n')}`);
  }
  const lessons = parsed.data;
  return {
    lessons,
    stepIds: () => lessons.flatMap((lesson) => lesson.steps),
    findLesson: (name) => lessons.find((lesson) => lesson.slug === name || lesson.folder === name || lesson.checks === name),
    byFolder: (folder) => lessons.find((lesson) => lesson.folder === folder),
  };
}
