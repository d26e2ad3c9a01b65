import { describe, expect, it } from 'vitest';
import { item, judgeFixture } from '../../tests/harness/judge-fixtures.ts';
import check from './reachable.ts';

describe('service/reachable judge', () => {
  it('passes on HTTP 200 through the ALB DNS name and shows what answered', () => {
    const http = item(judgeFixture(check, 'answers.fixture'), 'http');
    expect(http.status).toBe('pass');
    expect(http.actual).toContain('version 1');
  });

  const failures: [string, string, string, string | undefined][] = [
    ['no-healthy-target.fixture', 'HTTP 503', 'service.reachable.http.503', undefined],
    ['gateway-timeout.fixture', 'HTTP 504', 'service.reachable.http.504', 'aws ec2 authorize-security-group-ingress --region ap-northeast-1 --group-id sg-0task --protocol tcp --port 3000 --source-group sg-0alb'],
    ['port-80-closed.fixture', 'ETIMEDOUT', 'service.reachable.http.unreachable', 'aws ec2 authorize-security-group-ingress --region ap-northeast-1 --group-id sg-0alb --protocol tcp --port 80 --cidr 0.0.0.0/0'],
    ['blocked-host.fixture', 'HTTP 403', 'service.reachable.http.blocked-host', undefined],
  ];
  it.each(failures)('explains %s', (name, actual, hint, fix) => {
    const http = item(judgeFixture(check, name), 'http');
    expect([http.status, http.actual, http.hint?.key, http.fix]).toEqual(['fail', actual, hint, fix]);
  });

  it('is pending while the new DNS name does not resolve', () => {
    expect(item(judgeFixture(check, 'dns-not-yet.fixture'), 'http').status).toBe('pending');
  });

  it('fails when there is no load balancer to ask', () => {
    expect(item(judgeFixture(check, 'no-load-balancer'), 'http').hint?.key).toBe('service.reachable.http.no-alb');
  });
});

describe('service/reachable: found in another region', () => {
  it('says where it is, and keeps the fix for the workbook region', () => {
    const result = judgeFixture(check, 'in-other-region');
    expect(result.status).toBe('fail');
    expect(item(result, 'http')).toMatchObject({
      actual: 'not in ap-northeast-1; found in us-east-1',
      hint: { key: 'service.common.other-region', params: { name: 'ecs-fargate-alb', regions: 'us-east-1', region: 'ap-northeast-1' } },
    });
  });
});
