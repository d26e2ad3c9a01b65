import { describe, expect, it } from 'vitest';
import check from './execution-role.ts';
import { item, judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';

describe('task-definition/execution-role judge', () => {
  it('passes a role that trusts ecs-tasks and has the managed policy', () => {
    const result = judgeFixture(check, 'steady');
    expect(result.status).toBe('pass');
    expect(problems(result)).toEqual([]);
    expect(result.resources[0]?.id).toBe('arn:aws:iam::123456789012:role/ecsTaskExecutionRole');
  });

  it('asks to create a missing role, with the trust policy in the command', () => {
    const result = judgeFixture(check, 'role-missing');
    expect(result.status).toBe('fail');
    const exists = item(result, 'exists');
    expect(exists.hint?.key).toBe('task-definition.execution-role.exists.hint');
    expect(exists.fix).toBe(`aws iam create-role --role-name ecsTaskExecutionRole --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'`);
  });

  it('asks to attach AmazonECSTaskExecutionRolePolicy when nothing grants the pull and log actions', () => {
    const result = judgeFixture(check, 'policy-missing');
    const policy = item(result, 'policy');
    expect(policy.status).toBe('fail');
    expect(policy.actual).toBe('(no policy attached)');
    expect(policy.hint?.params?.actions).toContain('ecr:GetAuthorizationToken');
    expect(policy.fix).toBe('aws iam attach-role-policy --role-name ecsTaskExecutionRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');
  });

  it('decodes the URL-encoded trust policy and names the wrong principal', () => {
    const result = judgeFixture(check, 'wrong-trust');
    const trust = item(result, 'trust');
    expect(trust.status).toBe('fail');
    expect(trust.actual).toBe('ec2.amazonaws.com');
    expect(trust.fix).toMatch(/^aws iam update-assume-role-policy --role-name ecsTaskExecutionRole --policy-document '\{/);
  });

  it('accepts Statement as an object, Action and Principal.Service as arrays, and an equivalent inline policy', () => {
    const result = judgeFixture(check, 'inline-equivalent');
    expect(result.status).toBe('pass');
    expect(item(result, 'policy').hint?.key).toBe('task-definition.execution-role.policy.inline');
  });

  it('reports a denied read as "could not look", not as the learner\'s mistake', () => {
    const result = judgeFixture(check, 'access-denied.fixture');
    expect(result.status).toBe('error');
    const couldNotLook = item(result, 'could-not-look');
    expect(couldNotLook.hint?.key).toBe('check.error.access-denied.hint');
    expect(couldNotLook.hint?.params?.action).toBe('iam:GetRole');
  });

  it('reports expired credentials as an error with the sign-in hint', () => {
    const result = judgeFixture(check, 'expired-token.fixture');
    expect(result.status).toBe('error');
    expect(item(result, 'could-not-look').hint?.key).toBe('check.error.expired-token.hint');
  });
});
