import { describe, expect, it } from 'vitest';
import { judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';
import check from './all-gone.ts';

describe('cleanup/all-gone judge', () => {
  it('passes when nothing from the course is left', () => {
    const result = judgeFixture(check, 'nothing-left');
    expect(result.status).toBe('pass');
    expect(result.items.map((i) => i.id)).toEqual(['nothing-left']);
  });

  it('lists exactly what is left with commands in an order that works', () => {
    const result = judgeFixture(check, 'everything-left');
    expect(result.items.map((i) => i.fix)).toEqual([
      'aws elbv2 delete-target-group --region ap-northeast-1 --target-group-arn arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/ecs-fargate-tg/73e2d6bc24d8a067',
      'aws ecs delete-cluster --region ap-northeast-1 --cluster ecs-handson-cluster',
      'aws ecs deregister-task-definition --region ap-northeast-1 --task-definition ecs-handson-task:1',
      'aws ecs deregister-task-definition --region ap-northeast-1 --task-definition ecs-handson-task:2',
      'aws ecr delete-repository --region ap-northeast-1 --repository-name ecs-handson-app --force',
      'aws logs delete-log-group --region ap-northeast-1 --log-group-name /ecs/ecs-handson-task',
      'aws ec2 delete-security-group --region ap-northeast-1 --group-id sg-0task',
      'aws ec2 delete-security-group --region ap-northeast-1 --group-id sg-0alb',
      'aws ec2 delete-subnet --region ap-northeast-1 --subnet-id subnet-0pub1a',
      'aws ec2 delete-subnet --region ap-northeast-1 --subnet-id subnet-0prv1a',
      'aws ec2 disassociate-route-table --region ap-northeast-1 --association-id rtbassoc-0pub1a && aws ec2 disassociate-route-table --region ap-northeast-1 --association-id rtbassoc-0pub1c && aws ec2 delete-route-table --region ap-northeast-1 --route-table-id rtb-0public',
      'aws ec2 detach-internet-gateway --region ap-northeast-1 --internet-gateway-id igw-0lesson --vpc-id vpc-0lesson && aws ec2 delete-internet-gateway --region ap-northeast-1 --internet-gateway-id igw-0lesson',
      'aws ec2 delete-vpc --region ap-northeast-1 --vpc-id vpc-0lesson',
    ]);
  });

  it('is pending, listing the ENIs, while Fargate has not released them', () => {
    const result = judgeFixture(check, 'enis-lingering.fixture');
    expect(result.status).toBe('pending');
    expect(problems(result)).toEqual([
      'network-interface:eni-0123456789abcdef0 pending cleanup.all-gone.network-interface.lingering',
      'security-group:sg-0task pending cleanup.all-gone.security-group.hint',
      'subnet:subnet-0pub1a pending cleanup.all-gone.subnet.hint',
      'vpc pending cleanup.all-gone.vpc.hint',
    ]);
    expect(problems(result)[0]).toBe('network-interface:eni-0123456789abcdef0 pending cleanup.all-gone.network-interface.lingering');
  });
});
