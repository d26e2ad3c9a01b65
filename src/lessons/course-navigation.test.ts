import { describe, expect, it } from 'vitest';
import { completionState, continuePoint, courseTime, hasStarted, lessonCompletion } from './course-navigation.ts';

const lessons = [
  { slug: 'before-you-start', title: 'Before you start', duration: 15, steps: [{ id: 'setup/docker', title: 'Docker runs' }, { id: 'setup/aws-identity', title: 'AWS knows you' }] },
  { slug: 'containers', title: 'Containers', duration: 20, steps: [{ id: 'containers/first-run', title: 'First run' }] },
  { slug: 'cloudformation', title: 'As code', duration: 50, steps: [] },
];

describe('where the learner stands', () => {
  it('continues at the first step not passed, in course order, even past a later pass', () => {
    expect(continuePoint(lessons, { 'setup/docker': 'pass', 'containers/first-run': 'pass', 'setup/aws-identity': 'fail' })).toEqual({
      lessonSlug: 'before-you-start', lessonTitle: 'Before you start', stepId: 'setup/aws-identity', stepTitle: 'AWS knows you',
    });
    expect(continuePoint(lessons, { 'setup/docker': 'pass', 'setup/aws-identity': 'pass' })?.stepId).toBe('containers/first-run');
  });

  it('has nowhere to continue once every step passed, and has not started before the first pass', () => {
    expect(continuePoint(lessons, { 'setup/docker': 'pass', 'setup/aws-identity': 'pass', 'containers/first-run': 'pass' })).toBeUndefined();
    expect(hasStarted({ 'setup/docker': 'fail' })).toBe(false);
    expect(hasStarted({ 'setup/docker': 'pass' })).toBe(true);
  });

  it('counts a lesson’s passed steps and names its state', () => {
    expect(lessonCompletion(lessons[0]!, { 'setup/docker': 'pass' })).toEqual({ done: 1, total: 2 });
    expect([completionState(0, 2), completionState(1, 2), completionState(2, 2)]).toEqual(['none', 'some', 'all']);
  });

  it('adds up the course time in hours and minutes', () => {
    expect(courseTime(lessons)).toEqual({ total: 85, hours: 1, minutes: 25 });
  });
});
