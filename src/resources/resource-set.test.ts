import { describe, expect, it } from 'vitest';
import { consoleUrl } from './console-url.ts';
import { found, missingResource } from './found.ts';
import { FoundResource } from './resource-schema.ts';
import { mergeFound } from './resource-set.ts';

const region = 'ap-northeast-1';

describe('the learner\'s resource set', () => {
  it('keeps since when a resource was first seen while it stays, and replaces what a newer report speaks for', () => {
    const first = mergeFound([], [...found('task', region, 'arn:t1', { parent: 'svc', state: 'RUNNING' }), ...found('vpc', region, 'vpc-1')], '2026-11-28T07:00:00Z');
    const second = mergeFound(first, [...found('task', region, 'arn:t1', { parent: 'svc', state: 'RUNNING' }), ...found('task', region, 'arn:t2', { parent: 'svc' })], '2026-11-28T07:30:00Z');
    expect(second.map((r) => [r.type, r.id, r.since])).toEqual([
      ['vpc', 'vpc-1', '2026-11-28T07:00:00Z'],
      ['task', 'arn:t1', '2026-11-28T07:00:00Z'],
      ['task', 'arn:t2', '2026-11-28T07:30:00Z'],
    ]);
  });

  it('drops a service\'s tasks when a check finds them gone, and leaves another family\'s alone', () => {
    const before = mergeFound([], [...found('task', region, 'arn:t1', { parent: 'svc' }), ...found('task', region, 'arn:solo', { parent: 'family' })], '2026-11-28T07:00:00Z');
    const after = mergeFound(before, missingResource('task', region, 'svc', 'svc'), '2026-11-28T08:00:00Z');
    expect(after.map((r) => [r.id, r.presence])).toEqual([['arn:solo', 'exists'], ['svc', 'missing']]);
  });

  it('changes nothing on an empty report (a check that could not look)', () => {
    const before = mergeFound([], found('vpc', region, 'vpc-1'), '2026-11-28T07:00:00Z');
    expect(mergeFound(before, [], '2026-11-28T08:00:00Z')).toEqual(before);
  });

  it('validates every resource against the closed schema', () => {
    for (const resource of [...found('load-balancer', region, 'arn:aws:elasticloadbalancing:ap-northeast-1:1:loadbalancer/app/a/1', { name: 'a' }), ...missingResource('cluster', region, 'c')]) {
      expect(FoundResource.parse(resource)).toEqual(resource);
    }
    expect(() => FoundResource.parse({ type: 'ec2:vpc', region, id: 'vpc-1', presence: 'exists' })).toThrow();
  });
});

describe('console links', () => {
  it('links each kind to its console page in the resource\'s region', () => {
    expect(consoleUrl('cluster', region, 'arn:aws:ecs:ap-northeast-1:123456789012:cluster/demo', 'demo')).toBe('https://ap-northeast-1.console.aws.amazon.com/ecs/v2/clusters/demo?region=ap-northeast-1');
    expect(consoleUrl('service', region, 'arn:aws:ecs:ap-northeast-1:123456789012:service/demo/web')).toBe('https://ap-northeast-1.console.aws.amazon.com/ecs/v2/clusters/demo/services/web?region=ap-northeast-1');
    expect(consoleUrl('vpc', 'us-east-1', 'vpc-0abc')).toBe('https://us-east-1.console.aws.amazon.com/vpcconsole/home?region=us-east-1#VpcDetails:VpcId=vpc-0abc');
    expect(consoleUrl('log-group', region, 'arn:x', '/ecs/demo')).toBe('https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#logsV2:log-groups/log-group/%252Fecs%252Fdemo');
  });

  it('has no console page for things on the learner\'s machine', () => {
    expect(consoleUrl('container', 'local', 'abc')).toBeUndefined();
    expect(found('container', 'local', 'abc')[0]!.consoleUrl).toBeUndefined();
  });
});
