import { describe, expect, it } from 'vitest';
import { item, judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';
import check from './stopped.ts';

describe('standalone-task/stopped judge', () => {
  it('passes when the task was stopped by hand', () => {
    const result = judgeFixture(check, 'stopped-by-hand.fixture');
    expect(result.status).toBe('pass');
    expect(problems(result)).toEqual([]);
  });

  it('passes a stopped task without stop code (as moto leaves it)', () => {
    expect(judgeFixture(check, 'stopped-without-stop-code').status).toBe('pass');
  });

  it('gives the stop-task command for a task still running', () => {
    const none = item(judgeFixture(check, 'still-running'), 'none-running');
    expect([none.status, none.fix]).toEqual(['fail', 'aws ecs stop-task --region ap-northeast-1 --cluster ecs-handson-cluster --task a1b2c3d4e5f60718293a4b5c6d7e8f90']);
  });

  it('is pending while the task is stopping', () => {
    expect(judgeFixture(check, 'stopping.fixture').status).toBe('pending');
  });

  it('passes with a note when stopped tasks have aged out', () => {
    const result = judgeFixture(check, 'aged-out');
    expect(result.status).toBe('pass');
    expect(problems(result)).toEqual(['stopped-task warn standalone-task.stopped.stopped-task.aged-out']);
  });

  it('passes but explains a task that stopped because it could not start', () => {
    const result = judgeFixture(check, 'failed-to-start.fixture');
    expect(result.status).toBe('pass');
    expect(problems(result)).toEqual(['stopped-task warn standalone-task.stop.image-not-found']);
  });

  it('passes when the cluster is gone (nothing can run)', () => {
    expect(judgeFixture(check, 'cluster-deleted').status).toBe('pass');
  });
});
