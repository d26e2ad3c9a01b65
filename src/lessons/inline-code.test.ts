import { describe, expect, it } from 'vitest';
import { inlineCodeParts } from './inline-code.ts';

describe('inline code in an objective or recap point', () => {
  it('marks the text between backticks as code', () => {
    expect(inlineCodeParts('Run `docker run` and read `docker ps -a`.')).toEqual([
      { code: false, text: 'Run ' },
      { code: true, text: 'docker run' },
      { code: false, text: ' and read ' },
      { code: true, text: 'docker ps -a' },
      { code: false, text: '.' },
    ]);
  });

  it('keeps a line without code, and an unmatched backtick, as text', () => {
    expect(inlineCodeParts('Plain prose.')).toEqual([{ code: false, text: 'Plain prose.' }]);
    expect(inlineCodeParts('A stray ` mark')).toEqual([{ code: false, text: 'A stray ` mark' }]);
  });
});
