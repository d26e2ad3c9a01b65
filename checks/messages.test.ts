/** Every lesson's check texts exist in English and Japanese, with the same keys and the same parameters. */
import { describe, expect, it } from 'vitest';
import { allMessages } from '../tests/harness/judge-fixtures.ts';

const parameters = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('check messages', () => {
  for (const [lesson, { en, ja }] of Object.entries(allMessages)) {
    it(`${lesson}: ja has exactly the en keys, each with the same parameters, all prefixed "${lesson}."`, () => {
      expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en as Record<string, string>)) {
        expect(key.startsWith(`${lesson}.`), key).toBe(true);
        expect(parameters((ja as Record<string, string>)[key]!), key).toEqual(parameters(text));
      }
    });
  }
});
