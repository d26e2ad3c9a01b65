import { describe, expect, it } from 'vitest';
import { judgeShellState, type TerminalView } from './shell-state.ts';

const prompt: TerminalView = { alternateScreen: false, announcesPrompts: true, readingLine: true, cursorLine: 'learner@box:~/ecs-workbook$ ' };

describe('judgeShellState', () => {
  it('a waiting prompt is ready, even with something typed after it', () => {
    expect(judgeShellState(prompt)).toBe('ready');
    expect(judgeShellState({ ...prompt, cursorLine: 'learner@box:~$ echo half' })).toBe('ready');
  });
  it('readline not reading means a command is running', () => {
    expect(judgeShellState({ ...prompt, readingLine: false, cursorLine: '' })).toBe('busy');
  });
  it('the alternate screen is a full-screen program, whatever readline said last', () => {
    expect(judgeShellState({ ...prompt, alternateScreen: true })).toBe('full-screen');
    expect(judgeShellState({ ...prompt, alternateScreen: true, readingLine: false })).toBe('full-screen');
  });
  it('the "> " prompt while readline reads is a continuation', () => {
    expect(judgeShellState({ ...prompt, cursorLine: '> ' })).toBe('continuation');
    expect(judgeShellState({ ...prompt, cursorLine: '> done' })).toBe('continuation');
  });
  it('a shell that never announces its prompts is unknown, not busy', () => {
    expect(judgeShellState({ ...prompt, announcesPrompts: false, readingLine: false })).toBe('unknown');
  });
});
