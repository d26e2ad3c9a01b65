/**
 * Fixture results → resources → the map's states and the cost: the judges' real results over the
 * lessons' fixture snapshots, folded into the learner's set as the store folds them.
 */
import { describe, expect, it } from 'vitest';
import billableGone from '../../checks/cleanup/billable-gone.ts';
import healthyTargets from '../../checks/service/healthy-targets.ts';
import loadBalancer from '../../checks/service/load-balancer.ts';
import { defaultVars, judgeFixture } from '../../tests/harness/judge-fixtures.ts';
import { hourlyCost, type SeenResource } from '../cost/hourly-cost.ts';
import { placeholderValues } from '../settings/learner-variables.ts';
import { mapLabels } from './map-labels.ts';
import { buildMap, courseMapTypes, lessonMapTypes, type MapModel } from './map-model.ts';
import { renderMap, renderMapList } from './render-map.ts';
import { mergeFound } from '../resources/resource-set.ts';

const vars = placeholderValues(defaultVars);
const fold = (results: { resources: SeenResource[] | import('../resources/resource-schema.ts').FoundResource[] }[]) =>
  results.reduce<SeenResource[]>((set, result, i) => mergeFound(set, result.resources, `2026-11-28T0${i}:00:00.000Z`), []);
const state = (model: MapModel, type: string) => model.groups.flatMap((group) => group.boxes).find((box) => box.type === type)?.state;

describe('the live map and the cost from the checks\' results', () => {
  const running = fold([judgeFixture(loadBalancer, 'steady'), judgeFixture(healthyTargets, 'steady.fixture')]);

  it('lights the lesson 08 map: the load balancer, service, tasks and targets healthy, the rest not checked yet', () => {
    const model = buildMap(lessonMapTypes['service-alb']!, running, vars);
    expect(state(model, 'load-balancer')).toBe('healthy');
    expect(state(model, 'service')).toBe('healthy');
    expect(state(model, 'task')).toBe('healthy');
    expect(state(model, 'target')).toBe('healthy');
    expect(state(model, 'cluster')).toBe('unchecked');
    const tasks = model.groups.flatMap((group) => group.boxes).find((box) => box.type === 'task')!;
    expect(tasks.instances).toHaveLength(2);
    expect(tasks.instances[0]!.consoleUrl).toMatch(/^https:\/\/ap-northeast-1\.console\.aws\.amazon\.com\/ecs\/v2\/clusters\/.+\/tasks\//);
  });

  it('costs two tasks, the ALB, its two addresses and the tasks\' two addresses', () => {
    const cost = hourlyCost(running);
    // 2 × 0.015405 (tasks) + 0.0323 (ALB, 1 LCU) + 4 × 0.005 (IPv4) = 0.08311.
    expect(cost.usdPerHour).toBe(0.08311);
    expect(cost.lines.filter((line) => line.type === 'public-ipv4')).toHaveLength(4);
  });

  it('shows a target in its first health checks as there but not healthy', () => {
    const starting = fold([judgeFixture(healthyTargets, 'initial.fixture')]);
    expect(state(buildMap(['target'], starting, vars), 'target')).toBe('exists');
  });

  it('reaches zero after cleanup, with the load balancer, service and tasks shown missing', () => {
    const cleaned = mergeFound(running, judgeFixture(billableGone, 'nothing-billable').resources, '2026-11-28T09:00:00.000Z');
    expect(hourlyCost(cleaned).usdPerHour).toBe(0);
    const model = buildMap(lessonMapTypes.cleanup!, cleaned, vars);
    for (const type of ['load-balancer', 'service', 'task']) expect(state(model, type)).toBe('missing');
    // Free things the cleanup's first step does not look at keep their last word.
    expect(state(model, 'target-group')).toBe('healthy');
  });

  it('keeps what is still billed after a partial cleanup', () => {
    const left = mergeFound(running, judgeFixture(billableGone, 'load-balancer-left').resources, '2026-11-28T09:00:00.000Z');
    const cost = hourlyCost(left);
    expect(cost.lines.map((line) => line.type)).toContain('load-balancer');
    expect(cost.lines.map((line) => line.type)).not.toContain('task');
  });

  it('says every state in words in both languages, and lists the same states as text', () => {
    const model = buildMap(courseMapTypes, running, vars);
    for (const lang of ['en', 'ja'] as const) {
      const labels = mapLabels(lang);
      const html = renderMap(model, labels);
      const list = renderMapList(model, labels);
      for (const box of model.groups.flatMap((group) => group.boxes)) {
        expect(html).toContain(`data-state="${box.state}"`);
        expect(list).toContain(`${labels[`resource.type.${box.type}`]}`);
      }
      expect(list).toContain(`${labels['resource.type.load-balancer']} (${vars.loadBalancer}): ${labels['map.state.healthy']}`);
      expect(list).toContain(`${labels['resource.type.cluster']} (${vars.cluster}): ${labels['map.state.unchecked']}`);
    }
  });

  it('escapes what AWS returns', () => {
    const odd = fold([{ resources: [{ type: 'vpc', region: 'ap-northeast-1', id: 'vpc-1', name: '<img src=x onerror=alert(1)>', presence: 'exists' }] }]);
    expect(renderMap(buildMap(['vpc'], odd, vars), mapLabels('en'))).not.toContain('<img');
  });
});
