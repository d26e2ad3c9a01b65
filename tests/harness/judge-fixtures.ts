/**
 * For the judge tests beside every check: fixture snapshots, the learner's default variables, and
 * the texts a learner reads, each checked to exist in English and Japanese with its parameters.
 *
 *   const result = judgeFixture(check, 'ec2-only-cluster.fixture');   // checks/<lesson>/fixtures/<step>/…json
 *   expect(render(item(result, 'fargate').hint)).toContain('launch type FARGATE');
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CheckDefinition, CheckItem, CheckResult, LearnerVariables, Message } from '../../src/checks/check-contract.ts';
import { checksDir, courseChecks } from '../../checks/index.ts';
import type { Dictionaries } from '../../src/checks/render-message.ts';
import { evaluate } from '../../src/checks/run-check.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';

/** The default names, with the account id and workspace the fixtures were recorded with. */
export const defaultVars: LearnerVariables = testVariables({ accountId: '123456789012', workspace: '/home/learner/ecs-workbook' });

/** Every text the renderer knows: the shared ones and every lesson's `messages.ts`. */
export const texts: Dictionaries = await courseChecks.dictionaries();

/** `checks/<lesson>/fixtures/<step>/<name>.json`; the name keeps its `.fixture` where the file has one. */
export function fixture<T = unknown>(lesson: string, step: string, name: string): T {
  return JSON.parse(readFileSync(join(checksDir, lesson, 'fixtures', step, `${name}.json`), 'utf8')) as T;
}

/** Renders a message the way the UI does (English unless asked), failing the test if its text is missing in either language or a parameter is not given. */
export function render(message: Message | undefined, lang: 'en' | 'ja' = 'en'): string {
  expect(message, 'a message').toBeDefined();
  const { key, params } = message!;
  for (const each of ['en', 'ja'] as const) expect(texts[each][key], `no ${each} text for ${key}`).toBeTypeOf('string');
  return texts[lang][key]!.replace(/\{(\w+)\}/g, (_, name: string) => {
    expect(params, `${key} needs {${name}}`).toHaveProperty(name);
    return String(params![name]);
  });
}

/**
 * What the learner sees for a fixture: the engine's evaluation (could-not-look first, then the
 * judge), with every text it shows checked to exist in both languages.
 */
export function judgeFixture<S>(check: CheckDefinition<S>, name: string, vars: LearnerVariables = defaultVars): CheckResult {
  const [lesson, step] = check.id.split('/') as [string, string];
  const result = evaluate(check, fixture(lesson, step, name), vars, { env: {} });
  for (const lang of ['en', 'ja'] as const) {
    render(result.summary, lang);
    for (const item of result.items) {
      render(item.label, lang);
      if (item.hint) render(item.hint, lang);
    }
  }
  return result;
}

export function item(result: CheckResult, id: string): CheckItem {
  const found = result.items.find((entry) => entry.id === id);
  expect(found, `item ${id} in ${result.items.map((entry) => `${entry.id}:${entry.status}`).join(', ')}`).toBeDefined();
  return found!;
}

/** The items that are not passing, as `id status hintKey` lines: what the learner is asked to act on. */
export function problems(result: CheckResult): string[] {
  return result.items.filter((entry) => entry.status !== 'pass').map((entry) => `${entry.id} ${entry.status} ${entry.hint?.key ?? '-'}`);
}
