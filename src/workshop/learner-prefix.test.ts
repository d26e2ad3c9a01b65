import { describe, expect, it } from 'vitest';
import { parseSettings } from '../settings/settings-schema.ts';
import { deriveLearnerPrefix, elbNameLimit, longestElbNameWith, maxPrefixLength } from './learner-prefix.ts';

const names = ['Taro Yamada', '山田 太郎', 'Ünïcödé Åsa', '42 Douglas', 'Jean-Luc O’Neil', 'x', '', 'A'.repeat(40), '🙂🙂'];

describe('AWS name prefixes for a shared account', () => {
  it('readable where the name allows, else a neutral start', () => {
    expect(deriveLearnerPrefix('Taro Yamada', 'l0123456789abcdef')).toMatch(/^taroya-[a-z0-9]{4}$/);
    expect(deriveLearnerPrefix('山田 太郎', 'l0123456789abcdef')).toMatch(/^l-[a-z0-9]{4}$/);
    expect(deriveLearnerPrefix('Ünïcödé', 'l0123456789abcdef')).toMatch(/^unicod-/);
  });

  it('every prefix is a valid setting, and the longest load balancer or target group name stays within 32 characters', () => {
    for (const [i, name] of names.entries()) {
      const prefix = deriveLearnerPrefix(name, `l${String(i).padStart(16, '0')}`);
      expect(prefix.length).toBeLessThanOrEqual(maxPrefixLength);
      expect(longestElbNameWith(prefix).length).toBeLessThanOrEqual(elbNameLimit);
      expect(parseSettings({ prefix })).toMatchObject({ ok: true });
    }
  });

  it('two learners with the same name get different prefixes, even when the first choice is taken', () => {
    const a = deriveLearnerPrefix('Taro', 'l1111111111111111');
    const b = deriveLearnerPrefix('Taro', 'l2222222222222222');
    expect(a).not.toBe(b);
    const again = deriveLearnerPrefix('Taro', 'l1111111111111111', new Set([a]));
    expect(again).not.toBe(a);
    expect(again).toMatch(/^taro-[a-z0-9]{4}$/);
  });

  it('the same learner always gets the same prefix', () => {
    expect(deriveLearnerPrefix('Taro', 'l1111111111111111')).toBe(deriveLearnerPrefix('Taro', 'l1111111111111111'));
  });
});
