import { describe, expect, it } from 'vitest';
import { cellKey, foldCells, type AttemptRow } from './room-cells.ts';

const at = (minute: number) => `2026-11-28T10:${String(minute).padStart(2, '0')}:00.000Z`;
const row = (step: string, status: AttemptRow['status'], minute: number, learner = 'ana'): AttemptRow => ({ learner, step, status, at: at(minute) });

describe('each learner’s standing on a step, folded from the attempts', () => {
  it('dates a failing run from its first fail, so "stuck" counts from there', () => {
    const cells = foldCells([row('s/a', 'pending', 1), row('s/a', 'fail', 2), row('s/a', 'fail', 5), row('s/a', 'fail', 9)]);
    expect(cells.get(cellKey('ana', 's/a'))).toEqual({ learner: 'ana', step: 's/a', status: 'fail', since: at(2), attempts: 4, at: at(9) });
  });

  it('keeps a pass a pass until a reset, as the learner sees it, and counts Checks since the reset only', () => {
    const cells = foldCells([row('s/a', 'fail', 1), row('s/a', 'pass', 3), row('s/a', 'fail', 4), row('s/b', 'fail', 4), row('s/b', 'reset', 6), row('s/b', 'error', 7)]);
    expect(cells.get(cellKey('ana', 's/a'))).toMatchObject({ status: 'pass', since: at(3), attempts: 3 });
    expect(cells.get(cellKey('ana', 's/b'))).toMatchObject({ status: 'error', since: at(7), attempts: 1 });
  });

  it('forgets every step of one learner on a reset of all, and nobody else’s', () => {
    const cells = foldCells([row('s/a', 'pass', 1), row('s/a', 'fail', 1, 'ben'), row('*', 'reset', 2)]);
    expect(cells.has(cellKey('ana', 's/a'))).toBe(false);
    expect(cells.get(cellKey('ben', 's/a'))).toMatchObject({ status: 'fail' });
  });
});
