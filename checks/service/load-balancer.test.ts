import { describe, expect, it } from 'vitest';
import { item, judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';
import check from './load-balancer.ts';

const tgArn = 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/ecs-fargate-tg/73e2d6bc24d8a067';
const lbArn = 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/ecs-fargate-alb/50dc6c495c0c9188';
const createTg = 'aws elbv2 create-target-group --region ap-northeast-1 --name ecs-fargate-tg --protocol HTTP --port 3000 --target-type ip --vpc-id vpc-0lesson --health-check-path /';

describe('service/load-balancer judge', () => {
  it('passes an active internet-facing ALB in two AZs forwarding HTTP 80 to an ip target group', () => {
    const result = judgeFixture(check, 'steady');
    expect(result.status).toBe('pass');
    expect(problems(result)).toEqual([]);
    expect(result.resources.map((r) => r.type)).toEqual(['load-balancer', 'public-ipv4', 'public-ipv4', 'listener', 'target-group']);
  });

  it('accepts the ForwardConfig shape of a forward action', () => {
    expect(judgeFixture(check, 'forward-config-shape').status).toBe('pass');
  });

  it('is pending while the ALB is provisioning', () => {
    expect(problems(judgeFixture(check, 'provisioning.fixture'))).toEqual(['alb pending service.load-balancer.alb.provisioning']);
  });

  it('catches an instance target group before the service is created, with the commands to recreate it', () => {
    const type = item(judgeFixture(check, 'instance-target-group'), 'target-type');
    expect(type.hint?.key).toBe('service.load-balancer.target-type.before-service');
    // The listener is recreated for the new target group, so one run of the fix leaves the step whole.
    expect(type.fix).toBe(`aws elbv2 delete-listener --region ap-northeast-1 --listener-arn ${lbArn.replace('loadbalancer', 'listener')}/f2f7dc8efc522ab2 &&\naws elbv2 delete-target-group --region ap-northeast-1 --target-group-arn ${tgArn} &&\naws elbv2 create-listener --region ap-northeast-1 --load-balancer-arn ${lbArn} --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$(${createTg} --query 'TargetGroups[0].TargetGroupArn' --output text)`);
  });

  it('gives the create-listener command when there is no listener', () => {
    const listener = item(judgeFixture(check, 'no-listener'), 'listener');
    expect(listener.fix).toBe(`aws elbv2 create-listener --region ap-northeast-1 --load-balancer-arn ${lbArn} --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=${tgArn}`);
  });

  it('names the target group a listener forwards to instead', () => {
    const listener = item(judgeFixture(check, 'listener-elsewhere'), 'listener');
    expect([listener.actual, listener.hint?.key]).toEqual(['old-tg', 'service.load-balancer.listener.elsewhere']);
    expect(listener.fix).toMatch(/^aws elbv2 modify-listener --region ap-northeast-1 --listener-arn arn:.*listener\/app\/ecs-fargate-alb\/.* --default-actions Type=forward,TargetGroupArn=/);
  });

  it('fails an ALB in one AZ with the set-subnets command for both public subnets', () => {
    expect(item(judgeFixture(check, 'one-az.fixture'), 'two-azs').fix).toBe(`aws elbv2 set-subnets --region ap-northeast-1 --load-balancer-arn ${lbArn} --subnets subnet-0pub1a subnet-0pub1c`);
  });

  it('gives the create command with the lesson subnets and ALB security group when the ALB is missing', () => {
    expect(item(judgeFixture(check, 'no-load-balancer'), 'alb').fix).toBe(
      'aws elbv2 create-load-balancer --region ap-northeast-1 --name ecs-fargate-alb --type application --scheme internet-facing --subnets subnet-0pub1a subnet-0pub1c --security-groups sg-0alb');
  });
});

describe('service/load-balancer: found in another region', () => {
  it('says where it is, and keeps the fix for the workbook region', () => {
    const result = judgeFixture(check, 'in-other-region');
    expect(result.status).toBe('fail');
    expect(item(result, 'alb')).toMatchObject({
      actual: 'not in ap-northeast-1; found in us-east-1',
      hint: { key: 'service.common.other-region', params: { name: 'ecs-fargate-alb', regions: 'us-east-1', region: 'ap-northeast-1' } },
    });
  });
});
