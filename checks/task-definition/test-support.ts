/**
 * For the fixture tests of lessons 06–12: the learner's default variables, fixture loading, and
 * a check that every message a result shows exists in English and Japanese with its parameters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CheckDefinition, CheckItem, CheckResult, LearnerVariables, Message } from '../../src/checks/check-contract.ts';
import { loadDictionaries, type Dictionaries } from '../../src/checks/render-message.ts';
import { evaluate } from '../../src/checks/run-check.ts';

export const defaultVars: LearnerVariables = {
  region: 'ap-northeast-1',
  accountId: '123456789012',
  prefix: '',
  repository: 'ecs-handson-app',
  vpcName: 'ecs-handson-vpc',
  cluster: 'ecs-handson-cluster',
  taskFamily: 'ecs-handson-task',
  service: 'ecs-fargate-service',
  loadBalancer: 'ecs-fargate-alb',
  targetGroup: 'ecs-fargate-tg',
  albSecurityGroup: 'ecs-alb-sg',
  taskSecurityGroup: 'ecs-task-sg',
  executionRole: 'ecsTaskExecutionRole',
  logGroup: '/ecs/ecs-handson-task',
  workspace: '/home/learner/ecs-workbook',
};

/** Every text the renderer knows: the shared ones and every lesson's `messages.ts`. */
export const texts: Dictionaries = await loadDictionaries();

export function fixture(lesson: string, step: string, name: string): unknown {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', lesson, 'fixtures', step, `${name}.json`), 'utf8'));
}

/** Renders a message the way the UI does, failing the test if a text or a parameter is missing. */
export function render(message: Message, lang: 'en' | 'ja' = 'en'): string {
  const text = texts[lang][message.key];
  expect(text, `no ${lang} text for ${message.key}`).toBeTypeOf('string');
  return text!.replace(/\{(\w+)\}/g, (_, name: string) => {
    expect(message.params, `${message.key} needs {${name}}`).toHaveProperty(name);
    return String(message.params![name]);
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
  const found = result.items.find((i) => i.id === id);
  expect(found, `item ${id} in ${result.items.map((i) => `${i.id}:${i.status}`).join(', ')}`).toBeDefined();
  return found!;
}

/** The items that are not passing, as `id status hintKey` lines: what the learner is asked to act on. */
export function problems(result: CheckResult): string[] {
  return result.items.filter((i) => i.status !== 'pass').map((i) => `${i.id} ${i.status} ${i.hint?.key ?? '-'}`);
}
