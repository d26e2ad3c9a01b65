/**
 * "Could not check" reads the same in every lesson. The runner turns every error it recognises into
 * the engine's `check.error.<kind>` result before a judge runs; an error it does not recognise
 * reaches the judge, which must answer in the same vocabulary (`check.error.call-failed`), naming
 * the call it was reading, in English and Japanese. Lessons 01–05 and 06–12 once had their own.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/checks/run-check.ts';
import type { AnyCheck } from '../src/checks/check-registry.ts';
import { defaultVars, fixture, render } from '../tests/harness/judge-fixtures.ts';
import { courseChecks } from './index.ts';

/** An error no classification names (so the runner leaves it to the judge). */
const unrecognised = { $error: { name: 'WeirdGatewayAnswer', message: 'the gateway said something odd' } };

/** A recorded snapshot with one of its calls answered by the unrecognised error. */
function withError(lesson: string, step: string, name: string, part: string): Record<string, unknown> {
  return { ...fixture<Record<string, unknown>>(lesson, step, name), [part]: unrecognised };
}

const cases = [
  { step: 'ecr/image-pushed', snapshot: () => withError('ecr', 'image-pushed', 'pushed-before-lesson.fixture', 'repository'), call: 'ecr:DescribeRepositories' },
  { step: 'cluster/fargate', snapshot: () => withError('cluster', 'fargate', 'ec2-only-cluster.fixture', 'cluster'), call: 'ecs:DescribeClusters' },
  { step: 'containers/first-run', snapshot: () => ({ containers: unrecognised }), call: 'docker:listContainers' },
  { step: 'service/running', snapshot: () => withError('service', 'running', 'steady.fixture', 'service'), call: 'ecs:DescribeServices' },
  { step: 'cloudformation/stack-complete', snapshot: () => ({ ...withError('service', 'running', 'steady.fixture', 'identity'), stack: unrecognised }), call: 'sts:GetCallerIdentity' },
];

describe('an error the runner does not recognise, met by a judge', () => {
  for (const { step, snapshot, call } of cases) {
    it(`${step}: says it could not read ${call}, in the engine's words, never blaming the learner`, async () => {
      const check: AnyCheck = await courseChecks.registry.load(step);
      const result = evaluate(check, snapshot(), defaultVars, { env: {} });
      expect(result.status).toBe('error');
      const failed = result.items.find((item) => item.status === 'error')!;
      expect(failed.label.key).toBe('check.error.call-failed.label');
      expect(failed.hint?.key).toBe('check.error.call-failed.hint');
      expect(failed.actual).toBe('WeirdGatewayAnswer: the gateway said something odd');
      expect(render(failed.label)).toBe(`The workbook can read ${call}`);
      expect(render(failed.label, 'ja')).toBe(`ワークブックが ${call} を読み取れる`);
      expect(render(failed.hint)).toContain('This is not about your work');
      expect(render(result.summary)).toMatch(/could not (check|look)/i);
      render(result.summary, 'ja');
    });
  }
});
