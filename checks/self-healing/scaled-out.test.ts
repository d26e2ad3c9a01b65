import { describe, expect, it } from 'vitest';
import { item, judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';
import check from './scaled-out.ts';

describe('self-healing/scaled-out judge', () => {
  it('passes desired 3 with 3 running tasks and 3 healthy targets', () => {
    const result = judgeFixture(check, 'three-healthy.fixture');
    expect(result.status).toBe('pass');
    expect(problems(result)).toEqual([]);
  });

  it('asks to raise the desired count to 3', () => {
    const result = judgeFixture(check, 'still-two');
    expect(result.status).toBe('fail');
    expect(problems(result)).toEqual(['desired fail self-healing.scaled-out.desired.hint']);
    expect(item(result, 'desired').fix).toBe('aws ecs update-service --region ap-northeast-1 --cluster ecs-handson-cluster --service ecs-fargate-service --desired-count 3');
  });

  it('is pending while the third task starts and registers', () => {
    expect(problems(judgeFixture(check, 'third-starting.fixture'))).toEqual([
      'running pending self-healing.scaled-out.running.hint',
      'target:10.0.1.50:3000 pending service.healthy-targets.reason.initial',
      'count pending service.healthy-targets.count.checking',
    ]);
  });

  it('warns when all tasks run in one Availability Zone', () => {
    const result = judgeFixture(check, 'one-zone.fixture');
    expect(result.status).toBe('pass');
    expect(item(result, 'zones').status).toBe('warn');
  });
});

describe('self-healing/scaled-out after scaling back to 2', () => {
  it('passes when three tasks ran together since the lesson began and the service was steady with them', () => {
    const result = judgeFixture(check, 'scaled-back.fixture');
    expect(result.status).toBe('pass');
    expect(item(result, 'desired').actual).toBe('desired 2 now (scaled back); 3 tasks ran together from 2025-06-01T10:11:00.000Z to 2025-06-01T10:20:00.000Z, and the service was steady with them at 2025-06-01T10:13:00.000Z');
  });

  it('fails when the third task stopped before the service was ever steady with three', () => {
    const result = judgeFixture(check, 'scaled-back-never-steady.fixture');
    expect(result.status).toBe('fail');
    expect(problems(result)).toEqual(['desired fail self-healing.scaled-out.desired.hint']);
  });

  it('does not count a scale-out from before the lesson began', () => {
    expect(judgeFixture(check, 'scaled-back-before-lesson.fixture').status).toBe('fail');
  });
});
