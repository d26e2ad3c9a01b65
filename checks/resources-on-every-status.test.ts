/**
 * Every check reports what it found on every status, not only on a pass: over every fixture
 * snapshot of every lesson, a fail or pending result names at least one resource (found, or looked
 * for and missing), and every resource fits the closed schema with the region it was seen in.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { course } from '../lessons/course.ts';
import { FoundResource } from '../src/resources/resource-schema.ts';
import { judgeFixture } from '../tests/harness/judge-fixtures.ts';
import { checksDir, courseChecks } from './index.ts';

const registry = courseChecks.registry;

describe('resources on every status', () => {
  for (const stepId of course.stepIds()) {
    const [lesson, step] = stepId.split('/') as [string, string];
    let names: string[] = [];
    try {
      names = readdirSync(join(checksDir, lesson, 'fixtures', step)).filter((file) => file.endsWith('.json')).map((file) => file.replace(/\.json$/, ''));
    } catch {
      // a check without fixtures (tested against Docker or moto only)
    }
    if (names.length === 0) continue;
    it(`${stepId}: ${names.length} fixtures`, async () => {
      const check = await registry.load(stepId);
      for (const name of names) {
        const result = judgeFixture(check, name);
        for (const resource of result.resources) expect(FoundResource.safeParse(resource).success, `${stepId} ${name}: ${JSON.stringify(resource)}`).toBe(true);
        if (result.status === 'fail' || result.status === 'pending') expect(result.resources.length, `${stepId} ${name} (${result.status}) reports no resource`).toBeGreaterThan(0);
        if (result.status === 'error') expect(result.resources, `${stepId} ${name}: a check that could not look knows nothing`).toEqual([]);
      }
    });
  }
});
