/**
 * Where a learner stands in the course, from their step statuses: the first step not yet passed
 * (the home page's "Continue where you left off"), each lesson's count of passed steps (the
 * sidebar), and the course's total time. Pure, so pages and tests share it.
 */

export interface NavigableLesson {
  slug: string;
  title: string;
  /** Minutes, from the lesson's frontmatter. */
  duration: number;
  steps: readonly { id: string; title: string }[];
}

export interface ContinuePoint {
  lessonSlug: string;
  lessonTitle: string;
  stepId: string;
  stepTitle: string;
}

/** The anchor of a step on its lesson page (Step.astro renders `id="step-<checks>-<step>"`). */
export const stepAnchor = (stepId: string) => `step-${stepId.replace('/', '-')}`;

/** The first step, in course order, that has not passed; undefined when every step has. */
export function continuePoint(lessons: readonly NavigableLesson[], statuses: Record<string, string>): ContinuePoint | undefined {
  for (const lesson of lessons) {
    for (const step of lesson.steps) {
      if (statuses[step.id] !== 'pass') return { lessonSlug: lesson.slug, lessonTitle: lesson.title, stepId: step.id, stepTitle: step.title };
    }
  }
  return undefined;
}

/** True once the learner has passed at least one step: before that, the home page says "Start with …". */
export const hasStarted = (statuses: Record<string, string>) => Object.values(statuses).some((status) => status === 'pass');

export function lessonCompletion(lesson: Pick<NavigableLesson, 'steps'>, statuses: Record<string, string>) {
  return { done: lesson.steps.filter((step) => statuses[step.id] === 'pass').length, total: lesson.steps.length };
}

/** The course's total time as hours and minutes, from the lessons' own estimates. */
export function courseTime(lessons: readonly Pick<NavigableLesson, 'duration'>[]) {
  const total = lessons.reduce((sum, lesson) => sum + lesson.duration, 0);
  return { total, hours: Math.floor(total / 60), minutes: total % 60 };
}

/** A lesson's completion as a word the sidebar draws as a shape: none, some or all steps passed. */
export function completionState(done: number, total: number): 'none' | 'some' | 'all' {
  return done === 0 ? 'none' : done >= total ? 'all' : 'some';
}
