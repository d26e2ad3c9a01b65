import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../checks/check-contract.ts';
import { found, missingResource } from '../resources/found.ts';
import { openProgressStore } from './progress-store.ts';

const region = 'ap-northeast-1';
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-resources-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const result = (status: CheckResult['status'], resources: CheckResult['resources']): CheckResult => ({ status, summary: { key: 'x' }, items: [], resources });

describe('the learner\'s resources in the progress file', () => {
  it('keeps the latest set per learner, folded from every record, across reopening the file', () => {
    const dir = freshDir();
    const store = openProgressStore(dir);
    const aiko = store.forLearner('aiko');
    aiko.record({ step: 'service/load-balancer', result: result('pass', found('load-balancer', region, 'arn:alb', { name: 'alb', state: 'active' })), snapshot: {}, source: 'cli', durationMs: 1, at: '2026-11-28T07:00:00.000Z' });
    aiko.record({ step: 'service/healthy-targets', result: result('pending', found('task', region, 'arn:t1', { parent: 'svc', state: 'PENDING' })), snapshot: {}, source: 'cli', durationMs: 1, at: '2026-11-28T07:10:00.000Z' });
    // A check that could not look reports nothing, and changes nothing.
    aiko.record({ step: 'service/healthy-targets', result: result('error', []), snapshot: {}, source: 'cli', durationMs: 1, at: '2026-11-28T07:20:00.000Z' });
    store.forLearner('ben').record({ step: 'cluster/fargate', result: result('fail', missingResource('cluster', region, 'ben-cluster')), snapshot: {}, source: 'cli', durationMs: 1 });
    store.close();

    const again = openProgressStore(dir);
    const set = again.forLearner('aiko').resources();
    expect(set.updatedAt).toBe('2026-11-28T07:10:00.000Z');
    expect(set.resources.map((r) => [r.type, r.id, r.since])).toEqual([
      ['load-balancer', 'arn:alb', '2026-11-28T07:00:00.000Z'],
      ['task', 'arn:t1', '2026-11-28T07:10:00.000Z'],
    ]);
    expect(again.allResources().map((entry) => [entry.learner, entry.resources.length])).toEqual([['aiko', 2], ['ben', 1]]);
    // A learner sees only their own.
    expect(again.forLearner('carla').resources()).toEqual({ resources: [] });
    again.close();
  });

  it('keeps the set when progress is reset: resetting a step does not delete anything in AWS', () => {
    const store = openProgressStore(freshDir());
    const view = store.forLearner('aiko');
    view.record({ step: 'service/load-balancer', result: result('pass', found('load-balancer', region, 'arn:alb')), snapshot: {}, source: 'cli', durationMs: 1 });
    view.reset();
    expect(view.resources().resources).toHaveLength(1);
    store.close();
  });
});
