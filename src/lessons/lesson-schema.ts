import { z } from 'zod';
import { sourceIds } from './sources.ts';

/** A step id is `<lesson>/<step>` in kebab case. Progress is keyed on it, so it never changes. */
export const stepIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const stepSchema = z
  .object({
    id: z
      .string()
      .regex(stepIdPattern, 'a step id looks like "lesson/step" in lower-case kebab case, e.g. "setup/docker"')
      .describe('Stable id of the step, `<lesson>/<step>`. Progress and the step check are keyed on it.'),
    title: z.string().min(1).describe('Short title of the step, shown in the sidebar and above its Check.'),
  })
  .strict()
  .describe('One thing the learner does, verified by the check with the same id.');

/** One objective or recap point: one line of prose, where `backticks` mark code. */
const lessonPoint = z
  .string()
  .trim()
  .min(1, 'an objective or recap point cannot be empty')
  .max(240, 'keep an objective or recap point to one line (at most 240 characters)')
  .describe('One point of prose; text in `backticks` is shown as code.');

/** The question a lesson ends with: the learner predicts, then opens the answer. */
export const predictionSchema = z
  .object({
    question: z
      .string()
      .trim()
      .min(1, 'the prediction question cannot be empty')
      .max(240, 'keep the prediction question to one line (at most 240 characters)')
      .describe('What would happen if… or what happens next: one question the learner answers in their head before the next lesson. Text in `backticks` is shown as code.'),
    answer: z
      .string()
      .trim()
      .min(1, 'give the prediction question its answer')
      .max(400, 'keep the answer short (at most 400 characters): two or three sentences')
      .describe('The short answer, hidden until the learner opens it (and always printed). Text in `backticks` is shown as code.'),
  })
  .strict()
  .describe('One prediction question with its answer, shown after the recap under "Predict before you go on".');

export const lessonSchema = z
  .object({
    title: z.string().min(1).describe('Title of the lesson, shown as its heading, in the sidebar and on the home page.'),
    summary: z
      .string()
      .min(1)
      .max(200)
      .describe('One sentence on what the learner builds or learns, shown on the home page.'),
    order: z
      .number()
      .int()
      .min(0)
      .describe('Position in the course: the lesson’s index in the course manifest (`lessons/course.ts`), which a test checks. The folder prefix `<nn>-` should match.'),
    duration: z.number().int().positive().describe('Minutes a learner typically needs, shown on the home page.'),
    cost: z
      .string()
      .min(1)
      .describe('A short note on what the lesson costs in AWS while its resources run, e.g. "Free: nothing billable".'),
    steps: z
      .array(stepSchema)
      .default([])
      .describe('The checked steps of the lesson, in order. Each has a check module in `checks/` with the same id.'),
    objectives: z
      .array(lessonPoint)
      .min(3, 'give the lesson 3 to 5 objectives')
      .max(5, 'give the lesson 3 to 5 objectives: merge or drop some')
      .describe('What the learner will be able to do after the lesson, 3 to 5 points, shown at its top under "In this lesson you will". Every language has the same number as the English file.'),
    recap: z
      .array(lessonPoint)
      .min(3, 'give the lesson 3 to 5 recap points')
      .max(5, 'give the lesson 3 to 5 recap points: merge or drop some')
      .describe('What the learner did and what now exists, 3 to 5 points, shown at the end under "What you did"; says what carries into the next lesson where that helps. Same number in every language.'),
    predict: predictionSchema.describe('One prediction question with its answer, shown after the recap: the learner commits to a guess about what happens next, then checks it. Every language has its own.'),
    sources: z
      .array(z.enum(sourceIds))
      .optional()
      .describe('The original write-ups and sessions this lesson follows (ids in src/lessons/sources.ts), cited at its end. A translation may leave it out: the English lesson\'s list is used.'),
  })
  .strict()
  .superRefine((lesson, ctx) => {
    const seen = new Set<string>();
    lesson.steps.forEach((step, index) => {
      if (seen.has(step.id)) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `step id "${step.id}" is used twice` });
      }
      seen.add(step.id);
    });
  })
  .describe('Frontmatter of a lesson file, `lessons/<nn>-<slug>/<lang>.mdx`.');

export type Lesson = z.infer<typeof lessonSchema>;
export type LessonStep = z.infer<typeof stepSchema>;
