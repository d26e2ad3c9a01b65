import { describe, expect, it } from 'vitest';
import { item, judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';
import check from './stack-deleted.ts';

describe('cloudformation/stack-deleted judge', () => {
  it('passes when the stack and its load balancer are gone', () => {
    expect(judgeFixture(check, 'deleted').status).toBe('pass');
  });

  it('is pending while the stack is being deleted', () => {
    expect(problems(judgeFixture(check, 'deleting'))).toEqual(['stack pending cloudformation.stack-deleted.stack.deleting']);
  });

  it('names the resource that blocked deletion', () => {
    const stack = item(judgeFixture(check, 'delete-failed.fixture'), 'stack');
    expect(stack.hint?.params).toEqual({ resource: 'TaskSecurityGroup (AWS::EC2::SecurityGroup)', reason: 'resource sg-0task has a dependent object' });
    expect(stack.fix).toBe('aws cloudformation delete-stack --region ap-northeast-1 --stack-name ecs-handson-cluster-stack');
  });

  it('asks to delete a stack that still exists', () => {
    expect(item(judgeFixture(check, 'still-there'), 'stack').hint?.key).toBe('cloudformation.stack-deleted.stack.exists');
  });
});
