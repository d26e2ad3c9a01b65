import { describe, expect, it } from 'vitest';
import { item, judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';
import check from './replaced.ts';

describe('self-healing/replaced judge', () => {
  it('passes a UserInitiated stop followed by a newer RUNNING task of the service', () => {
    const result = judgeFixture(check, 'replaced.fixture');
    expect(result.status).toBe('pass');
    expect(item(result, 'replacement').actual).toContain('44444444aaaa4bbb8ccc000000000004');
  });

  it('is pending while the replacement has not started yet', () => {
    expect(problems(judgeFixture(check, 'not-replaced-yet.fixture'))).toEqual([
      'replacement pending self-healing.replaced.replacement.not-yet',
      'count pending self-healing.replaced.count.hint',
    ]);
  });

  it('is pending while the replacement is PENDING', () => {
    expect(item(judgeFixture(check, 'replacement-pending.fixture'), 'replacement').hint?.key).toBe('self-healing.replaced.replacement.starting');
  });

  it('fails when no replacement came after minutes', () => {
    expect(item(judgeFixture(check, 'never-replaced.fixture'), 'replacement').status).toBe('fail');
  });

  it('offers to stop one of the running tasks when none was stopped', () => {
    const stopped = item(judgeFixture(check, 'nothing-stopped'), 'stopped');
    expect(stopped.fix).toBe('aws ecs stop-task --region ap-northeast-1 --cluster ecs-handson-cluster --task 11111111aaaa4bbb8ccc000000000001 --reason "Testing self-healing"');
  });

  it('goes by stopCode, never by the stoppedReason text', () => {
    const stopped = item(judgeFixture(check, 'stopped-by-scheduler.fixture'), 'stopped');
    expect([stopped.status, stopped.hint?.key]).toEqual(['fail', 'self-healing.replaced.stopped.scheduler']);
  });

  it('does not count a stop from before the lesson started', () => {
    expect(item(judgeFixture(check, 'stopped-before-lesson.fixture'), 'stopped').hint?.key).toBe('self-healing.replaced.stopped.none');
  });

  it('falls back to the service events when the stopped task has aged out', () => {
    const result = judgeFixture(check, 'aged-out.fixture');
    expect(result.status).toBe('pass');
    expect(problems(result)).toEqual(['stopped warn self-healing.replaced.stopped.aged-out']);
  });
});
