/**
 * A throwaway copy of the progress file, for a run that must leave the real one untouched
 * (`ecs-workbook check --no-record`): the check service reads the learner's settings, identity and
 * lesson starts from the copy and records into it, and the copy is removed afterwards.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { storeFileName } from '../settings/data-dir.ts';

export interface ScratchCopy {
  /** A progress folder holding the copy (or nothing, when there was no progress file yet). */
  dir: string;
  remove(): void;
}

export function scratchCopy(dataDir: string): ScratchCopy {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-workbook-no-record-'));
  const file = join(dataDir, storeFileName);
  const copy = join(dir, storeFileName);
  if (existsSync(`${file}-wal`)) {
    // A server has it open: SQLite makes a consistent copy, reading through the write-ahead log.
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      db.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
    } finally {
      db.close();
    }
  } else if (existsSync(file)) {
    // Nobody has it open, so the file is complete; a read-only connection would leave -wal and -shm files beside it.
    copyFileSync(file, copy);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
