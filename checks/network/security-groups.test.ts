/** Judges of lesson 04 on network states the fixtures pin down: dead routes, detached gateways, one AZ, reused groups. */
import { describe, expect, it } from 'vitest';
import { item, judgeFixture, render } from '../../tests/harness/judge-fixtures.ts';
import securityGroups from './security-groups.ts';

describe('network/security-groups', () => {
  it('catches the load balancer group copied for the tasks (port 80, not 3000) and admits 3000 from the ALB group', () => {
    const result = judgeFixture(securityGroups, 'alb-sg-reused-for-tasks.fixture');
    expect(result.status).toBe('fail');
    expect(item(result, 'alb-http').status).toBe('pass');
    const task = item(result, 'task-app-port');
    expect(task).toMatchObject({ status: 'fail', expected: 'tcp 3000 from sg-0a1b000000000001', actual: 'tcp 80-80 from 0.0.0.0/0' });
    expect(task.hint?.key).toBe('network.security-groups.task-app-port.alb-reused');
    expect(render(task.hint)).toContain('health checks');
    expect(task.fix).toBe('aws ec2 authorize-security-group-ingress --region ap-northeast-1 --group-id sg-0a1b000000000002 --protocol tcp --port 3000 --source-group sg-0a1b000000000001');
  });
});
