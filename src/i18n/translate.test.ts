import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { ja } from './ja.ts';
import { format, useTranslations } from './translate.ts';

describe('UI translations', () => {
  it('has a Japanese text for every English key, and no extra ones', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same parameters in both languages', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(params(ja[key]), key).toEqual(params(en[key]));
    }
  });

  it('fills parameters in the chosen language', () => {
    expect(useTranslations('en')('home.progress', { done: 1, total: 4 })).toBe('1 of 4 steps passed');
    expect(useTranslations('ja')('home.progress', { done: 1, total: 4 })).toBe('4 手順中 1 手順が完了');
  });

  it('leaves an unknown parameter visible instead of printing "undefined"', () => {
    expect(format('Hello {name}', {})).toBe('Hello {name}');
  });
});
