/**
 * What `ecs-workbook course run` runs, in order: by default the whole course, lesson 12 included,
 * with lessons 03 and 04 run again after lesson 11 because lesson 12 starts from their image and VPC.
 */
import { describe, expect, it } from 'vitest';
import { course } from '../../lessons/course.ts';
import { planCourseRun } from '../../src/course-run/course-plan.ts';

const lesson = (slug: string) => course.findLesson(slug)!;
const shown = (plan: ReturnType<typeof planCourseRun>) => plan.map((entry) => `${entry.lesson.folder}${entry.rebuildsForLesson12 ? ' (again)' : ''}`);

describe('the rehearsal plan', () => {
  it('is the whole course by default: 00 to 11, then 03 and 04 again, then 12', () => {
    expect(shown(planCourseRun(course.lessons, []))).toEqual([
      '00-before-you-start', '01-containers', '02-dockerfile', '03-ecr', '04-network', '05-cluster', '06-task-definition',
      '07-standalone-task', '08-service-alb', '09-self-healing', '10-new-version', '11-cleanup',
      '03-ecr (again)', '04-network (again)', '12-cloudformation',
    ]);
  });

  it('--through stops at the lesson named, and does not rebuild anything for lesson 12', () => {
    expect(shown(planCourseRun(course.lessons, [], lesson('cleanup'))).at(-1)).toBe('11-cleanup');
    expect(shown(planCourseRun(course.lessons, [], lesson('cleanup')))).toHaveLength(12);
    expect(shown(planCourseRun(course.lessons, [], lesson('cluster')))).toEqual(['00-before-you-start', '01-containers', '02-dockerfile', '03-ecr', '04-network', '05-cluster']);
  });

  it('runs the named lessons as given; it rebuilds for lesson 12 only where lesson 11 ran before it', () => {
    expect(shown(planCourseRun(course.lessons, [lesson('cloudformation')]))).toEqual(['12-cloudformation']);
    expect(shown(planCourseRun(course.lessons, [lesson('ecr'), lesson('network'), lesson('cloudformation')]))).toEqual(['03-ecr', '04-network', '12-cloudformation']);
    expect(shown(planCourseRun(course.lessons, [lesson('cleanup'), lesson('cloudformation')]))).toEqual(['11-cleanup', '03-ecr (again)', '04-network (again)', '12-cloudformation']);
    expect(shown(planCourseRun(course.lessons, [lesson('cleanup'), lesson('network'), lesson('cloudformation')]))).toEqual(['11-cleanup', '04-network', '03-ecr (again)', '12-cloudformation']);
  });
});
