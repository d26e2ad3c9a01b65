/** Loads a check's fixture snapshot and finds the item a learner would read, with its texts. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CheckResult } from '../../src/checks/check-contract.ts';
import { format } from '../../src/i18n/translate.ts';
import { messages as containers } from '../../checks/containers/messages.ts';
import { messages as dockerfile } from '../../checks/dockerfile/messages.ts';
import { messages as ecr } from '../../checks/ecr/messages.ts';
import { messages as network } from '../../checks/network/messages.ts';
import { messages as cluster } from '../../checks/cluster/messages.ts';

export const allMessages = { containers, dockerfile, ecr, network, cluster };

export function fixture<T>(lesson: string, step: string, name: string): T {
  return JSON.parse(readFileSync(`checks/${lesson}/fixtures/${step}/${name}.fixture.json`, 'utf8')) as T;
}

/** The English text a message key renders to; fails the test if the key has no text in en or ja. */
export function rendered(message: { key: string; params?: Record<string, string | number> } | undefined): string {
  expect(message, 'a message').toBeDefined();
  const lesson = message!.key.split('.')[0] as keyof typeof allMessages;
  const en = allMessages[lesson]?.en as Record<string, string> | undefined;
  const ja = allMessages[lesson]?.ja as Record<string, string> | undefined;
  expect(en?.[message!.key], `en text for ${message!.key}`).toBeTypeOf('string');
  expect(ja?.[message!.key], `ja text for ${message!.key}`).toBeTypeOf('string');
  const text = format(en![message!.key]!, message!.params);
  expect(text, `every parameter of ${message!.key} is filled`).not.toMatch(/\{\w+\}/);
  return text;
}

export function item(result: CheckResult, id: string) {
  const found = result.items.find((entry) => entry.id === id);
  expect(found, `item ${id} in ${JSON.stringify(result.items.map((entry) => entry.id))}`).toBeDefined();
  return found!;
}
