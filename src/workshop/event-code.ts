/**
 * The event code an instructor reads aloud or writes on a board: six characters as two groups
 * ("KXM-4TP"), from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B) and without
 * vowels that could spell words. What a learner types is forgiven for case, spaces and dashes.
 */
import { randomInt } from 'node:crypto';

export const eventCodeAlphabet = 'CDFGHJKMNPQRTVWXY34679';
const length = 6;

export function newEventCode(): string {
  let code = '';
  for (let i = 0; i < length; i++) code += eventCodeAlphabet[randomInt(eventCodeAlphabet.length)];
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** What the learner typed, in the code's own form ("kxm 4tp" → "KXM-4TP"); undefined when it cannot be a code. */
export function normalizeEventCode(typed: string): string | undefined {
  const bare = typed.toUpperCase().replace(/[\s\-–—_.]/g, '');
  if (bare.length !== length || [...bare].some((c) => !eventCodeAlphabet.includes(c))) return undefined;
  return `${bare.slice(0, 3)}-${bare.slice(3)}`;
}
