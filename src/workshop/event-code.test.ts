import { describe, expect, it } from 'vitest';
import { eventCodeAlphabet, newEventCode, normalizeEventCode } from './event-code.ts';

describe('event codes', () => {
  it('are two groups of three from an alphabet without look-alikes', () => {
    for (let i = 0; i < 200; i++) expect(newEventCode()).toMatch(/^[CDFGHJKMNPQRTVWXY34679]{3}-[CDFGHJKMNPQRTVWXY34679]{3}$/);
    for (const lookAlike of '0O1IL2Z5S8B') expect(eventCodeAlphabet).not.toContain(lookAlike);
  });

  it('forgive case, spaces and dashes as typed', () => {
    expect(normalizeEventCode('kxm 4tp')).toBe('KXM-4TP');
    expect(normalizeEventCode(' KXM–4TP ')).toBe('KXM-4TP');
    expect(normalizeEventCode('kxm4tp')).toBe('KXM-4TP');
  });

  it('refuse what cannot be a code', () => {
    expect(normalizeEventCode('KXM-4T')).toBeUndefined();
    expect(normalizeEventCode('OIL-258')).toBeUndefined();
    expect(normalizeEventCode('')).toBeUndefined();
  });
});
