import { describe, expect, it } from 'vitest';
import { handSignal, HandSignalScanner } from './hand-signal.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('the hand signal in a shell’s output', () => {
  it('is found once per signal, among other output and other escape sequences', () => {
    const scanner = new HandSignalScanner();
    expect(scanner.scan(bytes(`\x1b[1mbold\x1b[0m ${handSignal} text ${handSignal}`))).toBe(2);
    expect(scanner.scan(bytes('plain output without escapes'))).toBe(0);
    expect(scanner.scan(bytes('\x1b]0;a title\x07\x1b]7717;other\x07'))).toBe(0);
  });

  it('is found when split across slices at any byte', () => {
    for (let cut = 1; cut < handSignal.length; cut++) {
      const scanner = new HandSignalScanner();
      expect(scanner.scan(bytes(`before ${handSignal.slice(0, cut)}`)), `cut ${cut}`).toBe(0);
      expect(scanner.scan(bytes(`${handSignal.slice(cut)} after`)), `cut ${cut}`).toBe(1);
    }
  });

  it('does not count a started signal that the next slice breaks off', () => {
    const scanner = new HandSignalScanner();
    expect(scanner.scan(bytes(handSignal.slice(0, 6)))).toBe(0);
    expect(scanner.scan(bytes(`x${handSignal.slice(6)}`))).toBe(0);
  });
});
