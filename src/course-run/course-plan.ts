/**
 * Which lessons a rehearsal runs, in order. With no --lesson it is the whole course, 00 to 12: an
 * author or instructor rehearsing before an event needs lesson 12 checked too, even though it is
 * optional for a learner. Lesson 12 starts from the VPC of lesson 04 and the image of lesson 03;
 * after lesson 11 has deleted them, the plan runs those two lessons again first, which is the
 * starting point lesson 12 names ("All of lesson 11 done: re-run lesson 03's push and lesson
 * 04's commands").
 */
import type { ManifestLesson } from '../lessons/course-manifest.ts';

export interface PlannedLesson {
  lesson: ManifestLesson;
  /** Set when the lesson runs a second time to rebuild what lesson 12 starts from. */
  rebuildsForLesson12: boolean;
}

export const cleanupFolder = '11-cleanup';
export const cloudFormationFolder = '12-cloudformation';
/** What lesson 12 needs that lesson 11 deletes: the image (03) and the network (04). */
export const lesson12Rebuilds = ['03-ecr', '04-network'] as const;

/**
 * `chosen`: the lessons named with --lesson, in the order given (empty: the whole course).
 * `through`: with no --lesson, the last lesson to run (the course from its start up to it).
 */
export function planCourseRun(all: readonly ManifestLesson[], chosen: readonly ManifestLesson[], through?: ManifestLesson): PlannedLesson[] {
  const base = chosen.length > 0 ? [...chosen] : all.slice(0, through ? all.indexOf(through) + 1 : all.length);
  const plan: PlannedLesson[] = [];
  for (const lesson of base) {
    if (lesson.folder === cloudFormationFolder) {
      const cleanedUp = plan.some((entry) => entry.lesson.folder === cleanupFolder);
      const sinceCleanup = plan.slice(plan.map((entry) => entry.lesson.folder).lastIndexOf(cleanupFolder) + 1).map((entry) => entry.lesson.folder);
      if (cleanedUp) {
        for (const folder of lesson12Rebuilds) {
          const rebuild = all.find((entry) => entry.folder === folder);
          if (rebuild && !sinceCleanup.includes(folder)) plan.push({ lesson: rebuild, rebuildsForLesson12: true });
        }
      }
    }
    plan.push({ lesson, rebuildsForLesson12: false });
  }
  return plan;
}
