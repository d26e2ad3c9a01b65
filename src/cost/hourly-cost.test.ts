import { describe, expect, it } from 'vitest';
import type { FoundResource } from '../resources/resource-schema.ts';
import { costSoFar, hourlyCost, type SeenResource } from './hourly-cost.ts';
import { classCost } from './class-cost.ts';

const region = 'ap-northeast-1';
const task = (n: number): FoundResource => ({ type: 'task', region, id: `arn:aws:ecs:${region}:123456789012:task/c/t${n}`, parent: 'svc', presence: 'healthy', state: 'RUNNING', vcpu: 0.25, memoryGb: 0.5 });
const ip = (n: number): FoundResource => ({ type: 'public-ipv4', region, id: `eni-${n}`, parent: 'svc', presence: 'exists' });
const alb: FoundResource = { type: 'load-balancer', region, id: `arn:aws:elasticloadbalancing:${region}:123456789012:loadbalancer/app/alb/1`, presence: 'healthy', state: 'active' };
const service: FoundResource = { type: 'service', region, id: 'arn:svc', presence: 'healthy' };

describe('hourly cost', () => {
  it('prices two 0.25 vCPU / 0.5 GB tasks, an ALB and two public IPv4 in Tokyo at US$0.07311 per hour', () => {
    const cost = hourlyCost([service, task(1), task(2), alb, ip(1), ip(2)]);
    // Tasks: 2 × (0.25 × 0.05056 + 0.5 × 0.00553) = 0.03081; ALB: 0.0243 + 1 LCU × 0.008 = 0.0323; IPv4: 2 × 0.005 = 0.01.
    expect(cost.usdPerHour).toBe(0.07311);
    expect(cost.jpyPerHour).toBe(11);
    expect(cost.lines.map((line) => [line.type, line.usdPerHour])).toEqual([
      ['task', 0.015405], ['task', 0.015405], ['load-balancer', 0.0323], ['public-ipv4', 0.005], ['public-ipv4', 0.005],
    ]);
    expect(cost.lines[0]!.basis).toBe('0.25 vCPU, 0.5 GB');
  });

  it('costs nothing for missing, stopped or free resources, so cleanup reaches zero', () => {
    const cost = hourlyCost([
      { ...task(1), state: 'STOPPED' },
      { type: 'load-balancer', region, id: 'alb', presence: 'missing' },
      { type: 'vpc', region, id: 'vpc-1', presence: 'healthy' },
      { type: 'cluster', region, id: 'c', presence: 'healthy' },
    ]);
    expect(cost.usdPerHour).toBe(0);
    expect(cost.lines).toEqual([]);
  });

  it('prices us-east-1 from its own row, and lists a region without prices unpriced', () => {
    expect(hourlyCost([{ ...alb, region: 'us-east-1' }]).usdPerHour).toBe(0.0305);
    const elsewhere = hourlyCost([{ ...alb, region: 'eu-west-3' }]);
    expect(elsewhere.usdPerHour).toBe(0);
    expect(elsewhere.unpricedRegions).toEqual(['eu-west-3']);
    expect(elsewhere.lines[0]!.priced).toBe(false);
  });

  it('counts ECR and log storage per hour from the GB-month price', () => {
    const image: FoundResource = { type: 'image', region, id: 'repo@sha256:1', presence: 'healthy', storedBytes: 730_000_000 };
    // 0.73 GB × US$0.10 per GB-month / 730 h = US$0.0001 per hour.
    expect(hourlyCost([image]).usdPerHour).toBe(0.0001);
  });

  it('says since when and about how much so far', () => {
    const seen: SeenResource[] = [{ ...alb, since: '2026-11-28T06:00:00.000Z' }, { ...ip(1), since: '2026-11-28T07:00:00.000Z' }];
    const cost = costSoFar(seen, new Date('2026-11-28T08:00:00.000Z'));
    expect(cost.runningSince).toBe('2026-11-28T06:00:00.000Z');
    // ALB 2 h × 0.0323 + IPv4 1 h × 0.005.
    expect(cost.usdSoFar).toBe(0.0696);
  });
});

describe('class cost (the workshop room)', () => {
  it('adds the class up and names who still has billable resources running, the most expensive first', () => {
    const since = '2026-11-28T07:00:00.000Z';
    const seen = (resources: FoundResource[]) => resources.map((resource) => ({ ...resource, since }));
    const total = classCost(
      [
        { learner: 'aiko', resources: seen([alb, ip(1)]) },
        { learner: 'ben', resources: seen([{ ...alb, presence: 'missing' }, { type: 'vpc', region, id: 'vpc-1', presence: 'healthy' }]) },
        { learner: 'chen', resources: seen([service, task(1), task(2), alb, ip(1), ip(2)]) },
        { learner: 'dana', resources: [] },
      ],
      new Date('2026-11-28T08:00:00.000Z'),
    );
    expect(total.usdPerHour).toBe(0.11041);
    expect(total.stillRunning.map((entry) => entry.learner)).toEqual(['chen', 'aiko']);
    expect(total.stillRunning[0]).toMatchObject({ usdPerHour: 0.07311, billable: 5, runningSince: since });
    // An hour each: 0.0731 + 0.0373.
    expect(total.usdSoFar).toBe(0.1104);
  });
});
