/**
 * Every fix the course's fixture snapshots produce: each fixture beside a check
 * (`checks/<lesson>/fixtures/<step>/*.json`) judged with the default learner variables, and each
 * item of the verdict that carries a fix command.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksDir, courseChecks } from '../../checks/index.ts';
import { evaluate } from '../../src/checks/run-check.ts';
import { defaultVars } from './judge-fixtures.ts';

export interface FixtureFix {
  /** `network/routes` */
  step: string;
  /** `blackhole-route.fixture.json` */
  fixture: string;
  item: string;
  fix: string;
  /** `network/routes blackhole-route.fixture.json route-subnet-0aaa000000000002` */
  key: string;
}

export async function fixtureFixes(): Promise<FixtureFix[]> {
  const found: FixtureFix[] = [];
  for (const lesson of readdirSync(checksDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const folder = join(checksDir, lesson.name, 'fixtures');
    let steps: string[] = [];
    try {
      steps = readdirSync(folder);
    } catch {
      continue;
    }
    for (const stepName of steps) {
      const step = `${lesson.name}/${stepName}`;
      for (const fixture of readdirSync(join(folder, stepName)).filter((name) => name.endsWith('.json'))) {
        const snapshot = JSON.parse(readFileSync(join(folder, stepName, fixture), 'utf8')) as Record<string, unknown>;
        const result = evaluate(await courseChecks.registry.load(step), snapshot, defaultVars, { env: {} });
        for (const item of result.items) if (item.fix) found.push({ step, fixture, item: item.id, fix: item.fix, key: `${step} ${fixture} ${item.id}` });
      }
    }
  }
  return found;
}
