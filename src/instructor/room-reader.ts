/**
 * Reads the whole room from the progress file: who is in it, each learner's standing on each step,
 * and the latest result behind it. A connection of its own, read-only (WAL lets it read while the
 * server and learners' CLIs write), so the room needs nothing of the store's learner-by-learner API.
 * One reader serves the whole room: the grid, the diagnosis and the export.
 */
import { DatabaseSync } from 'node:sqlite';
import type { CheckResult } from '../checks/check-contract.ts';
import type { LearnerStep } from './class-diagnosis.ts';
import { cellKey, foldCells, type AttemptRow } from './room-cells.ts';

export interface RoomReader {
  /** Everyone the file knows: learners with an attempt, settings or a lesson opened. */
  learnerIds(): string[];
  /** Every learner's cells, each with its latest result. */
  cells(): LearnerStep[];
  /** One learner's cells. */
  cellsOf(learner: string): LearnerStep[];
  /** Every attempt and reset, oldest first, without results (the export's input). */
  attemptRows(): AttemptRow[];
  close(): void;
}

export function openRoomReader(file: string): RoomReader {
  const db = new DatabaseSync(file, { readOnly: true });
  db.exec('PRAGMA busy_timeout = 5000');
  const sql = {
    learners: db.prepare('SELECT learner FROM attempts UNION SELECT learner FROM settings UNION SELECT learner FROM lesson_starts ORDER BY learner'),
    rows: db.prepare('SELECT learner, step, status, at FROM attempts ORDER BY id'),
    rowsOf: db.prepare('SELECT learner, step, status, at FROM attempts WHERE learner = ? ORDER BY id'),
    latest: db.prepare('SELECT s.learner, s.step, a.result FROM step_state s JOIN attempts a ON a.id = s.latest_attempt'),
    latestOf: db.prepare('SELECT s.learner, s.step, a.result FROM step_state s JOIN attempts a ON a.id = s.latest_attempt WHERE s.learner = ?'),
  };
  const join = (rows: AttemptRow[], latest: { learner: string; step: string; result: string }[]): LearnerStep[] => {
    const folded = foldCells(rows);
    return latest.flatMap((row) => {
      const cell = folded.get(cellKey(row.learner, row.step));
      if (!cell) return [];
      return [{ ...cell, result: JSON.parse(row.result) as CheckResult }];
    });
  };
  return {
    learnerIds: () => (sql.learners.all() as { learner: string }[]).map((row) => row.learner),
    cells: () => join(sql.rows.all() as unknown as AttemptRow[], sql.latest.all() as { learner: string; step: string; result: string }[]),
    attemptRows: () => sql.rows.all() as unknown as AttemptRow[],
    cellsOf: (learner) => join(sql.rowsOf.all(learner) as unknown as AttemptRow[], sql.latestOf.all(learner) as { learner: string; step: string; result: string }[]),
    close: () => db.close(),
  };
}
