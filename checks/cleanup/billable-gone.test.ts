import { describe, expect, it } from 'vitest';
import { judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';
import check from './billable-gone.ts';

describe('cleanup/billable-gone judge', () => {
  it('passes when nothing billed by the hour is left', () => {
    const result = judgeFixture(check, 'nothing-billable');
    expect(result.status).toBe('pass');
    expect(result.items.map((i) => i.id)).toEqual(['nothing-billable']);
  });

  it('lists every leftover, billable-by-the-hour first, each with the command that deletes it', () => {
    const result = judgeFixture(check, 'everything-left.fixture');
    expect(result.status).toBe('fail');
    expect(result.items.map((i) => [i.id, i.fix])).toEqual([
      ['load-balancer:ecs-fargate-alb', 'aws elbv2 delete-load-balancer --region ap-northeast-1 --load-balancer-arn arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/ecs-fargate-alb/50dc6c495c0c9188'],
      ['nat-gateway:nat-0123456789abcdef0', 'aws ec2 delete-nat-gateway --region ap-northeast-1 --nat-gateway-id nat-0123456789abcdef0'],
      ['elastic-ip:eipalloc-0123456789abcdef0', 'aws ec2 release-address --region ap-northeast-1 --allocation-id eipalloc-0123456789abcdef0'],
      ['endpoint:vpce-0123456789abcdef0', 'aws ec2 delete-vpc-endpoints --region ap-northeast-1 --vpc-endpoint-ids vpce-0123456789abcdef0'],
      ['service:ecs-fargate-service', 'aws ecs delete-service --region ap-northeast-1 --cluster ecs-handson-cluster --service ecs-fargate-service --force'],
      ['task:11111111aaaa4bbb8ccc000000000001', 'aws ecs stop-task --region ap-northeast-1 --cluster ecs-handson-cluster --task 11111111aaaa4bbb8ccc000000000001'],
      ['task:88888888aaaa4bbb8ccc000000000008', 'aws ecs stop-task --region ap-northeast-1 --cluster ecs-handson-cluster --task 88888888aaaa4bbb8ccc000000000008'],
    ]);
  });

  it('is pending while the service drains and its tasks stop by themselves', () => {
    expect(problems(judgeFixture(check, 'service-draining.fixture'))).toEqual([
      'service:ecs-fargate-service pending cleanup.billable-gone.service.deleting',
      'task:11111111aaaa4bbb8ccc000000000001 pending cleanup.billable-gone.task.deleting',
    ]);
  });

  it('fails on the load balancer alone once the service is gone', () => {
    expect(problems(judgeFixture(check, 'load-balancer-left'))).toEqual(['load-balancer:ecs-fargate-alb fail cleanup.billable-gone.load-balancer.hint']);
  });
});
