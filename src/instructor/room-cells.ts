/**
 * Each learner's standing on each step, folded from the appended attempts (oldest first): the
 * status the learner sees (a pass stays a pass until a reset, as the store keeps it), since when it
 * has had it, and how many Checks ran since the last reset. Pure, so the rule is tested apart.
 */
import type { CheckStatus } from '../checks/check-contract.ts';
import type { StepStatus } from '../progress/step-status.ts';

export interface AttemptRow {
  learner: string;
  /** A step id, or `*` for a reset of every step. */
  step: string;
  status: CheckStatus | 'reset';
  at: string;
}

export interface CellState {
  learner: string;
  step: string;
  status: Exclude<StepStatus, 'not-started'>;
  /** When the current status began: the first pass, or the first attempt of the current run of fails (or pendings, or errors). */
  since: string;
  attempts: number;
  /** The latest attempt's time. */
  at: string;
}

export const cellKey = (learner: string, step: string) => `${learner}\u0000${step}`;

export function foldCells(rows: Iterable<AttemptRow>): Map<string, CellState> {
  const cells = new Map<string, CellState>();
  for (const row of rows) {
    if (row.status === 'reset') {
      if (row.step === '*') {
        for (const [key, cell] of cells) if (cell.learner === row.learner) cells.delete(key);
      } else cells.delete(cellKey(row.learner, row.step));
      continue;
    }
    const key = cellKey(row.learner, row.step);
    const cell = cells.get(key);
    if (!cell) {
      cells.set(key, { learner: row.learner, step: row.step, status: row.status, since: row.at, attempts: 1, at: row.at });
      continue;
    }
    cell.attempts += 1;
    cell.at = row.at;
    if (cell.status === 'pass') continue;
    if (row.status !== cell.status) {
      cell.status = row.status;
      cell.since = row.at;
    }
  }
  return cells;
}
