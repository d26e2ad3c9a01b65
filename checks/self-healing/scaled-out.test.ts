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
