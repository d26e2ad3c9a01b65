import { describe, expect, it } from 'vitest';
import { item, judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';
import check from './healthy-targets.ts';

const tgArn = 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/ecs-fargate-tg/73e2d6bc24d8a067';

describe('service/healthy-targets judge', () => {
  it('passes when the healthy targets are the two tasks on port 3000', () => {
    const result = judgeFixture(check, 'steady.fixture');
    expect(result.status).toBe('pass');
    expect(item(result, 'match').actual).toBe('10.0.1.10:3000, 10.0.3.20:3000');
  });

  it('is pending while a target is in its initial health checks', () => {
    expect(problems(judgeFixture(check, 'initial.fixture'))).toEqual([
      'target:10.0.3.20:3000 pending service.healthy-targets.reason.initial',
      'count pending service.healthy-targets.count.checking',
    ]);
  });

  it('explains Target.Timeout with the security-group rule that admits the ALB', () => {
    const result = judgeFixture(check, 'target-timeout.fixture');
    const target = item(result, 'target:10.0.1.10:3000');
    expect([target.status, target.hint?.key]).toEqual(['fail', 'service.healthy-targets.reason.timeout']);
    expect(target.fix).toBe('aws ec2 authorize-security-group-ingress --region ap-northeast-1 --group-id sg-0task --protocol tcp --port 3000 --source-group sg-0alb');
    expect(item(result, 'count').hint?.key).toBe('service.healthy-targets.count.unhealthy');
  });

  it('explains Target.ResponseCodeMismatch with the path and matcher', () => {
    const target = item(judgeFixture(check, 'response-code-mismatch.fixture'), 'target:10.0.1.10:3000');
    expect(target.hint).toEqual({ key: 'service.healthy-targets.reason.response-code', params: { reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [404]', path: '/', matcher: '200' } });
    expect(target.fix).toBe(`aws elbv2 modify-target-group --region ap-northeast-1 --target-group-arn ${tgArn} --health-check-path / --matcher HttpCode=200-399`);
  });

  it('explains Target.FailedHealthChecks and points at the app log', () => {
    const target = item(judgeFixture(check, 'failed-health-checks.fixture'), 'target:10.0.1.10:3000');
    expect([target.hint?.key, target.fix]).toEqual(['service.healthy-targets.reason.failed-health-checks', 'aws logs tail --region ap-northeast-1 /ecs/ecs-handson-task --since 15m']);
  });

  it('explains Target.NotInUse and offers the listener that sends traffic', () => {
    const target = item(judgeFixture(check, 'not-in-use.fixture'), 'target:10.0.1.10:3000');
    expect(target.hint?.key).toBe('service.healthy-targets.reason.not-in-use');
    expect(target.fix).toMatch(/^aws elbv2 create-listener --region ap-northeast-1 --load-balancer-arn .* --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=/);
  });

  it('reports other reasons verbatim', () => {
    const target = item(judgeFixture(check, 'ip-unusable.fixture'), 'target:10.0.1.10:3000');
    expect(target.hint).toMatchObject({ key: 'service.healthy-targets.reason.other', params: { reason: 'Target.IpUnusable' } });
  });

  it('is pending while nothing is registered yet', () => {
    expect(item(judgeFixture(check, 'none-registered'), 'count').hint?.key).toBe('service.healthy-targets.count.none-registered');
  });

  it('warns about a healthy target that is not one of the service tasks', () => {
    const result = judgeFixture(check, 'stranger-target');
    expect(item(result, 'match')).toMatchObject({ status: 'warn', actual: '10.0.9.99:3000' });
  });

  it('ignores a draining target of an old task', () => {
    expect(judgeFixture(check, 'draining-old-task.fixture').status).toBe('pass');
  });
});
