/**
 * The progress file's schema, one step per version (`PRAGMA user_version`). A file made before
 * versions existed reads 0 and already has the tables of version 1, hence their IF NOT EXISTS.
 * Add a step at the end; never change one that has shipped, since learners' files went through it.
 */
import type { DatabaseSync } from 'node:sqlite';

/** A pass stays a pass until the step is reset; otherwise the newest attempt decides. */
export const keepStepState = `INSERT INTO step_state (learner, step, status, latest_attempt) VALUES (?, ?, ?, ?)
  ON CONFLICT (learner, step) DO UPDATE SET latest_attempt = excluded.latest_attempt,
    status = CASE WHEN step_state.status = 'pass' THEN 'pass' ELSE excluded.status END`;

interface Migration {
  /** What this version adds, for whoever reads the list next. */
  adds: string;
  apply(db: DatabaseSync): void;
}

export const migrations: Migration[] = [
  {
    adds: 'attempts (append-only), settings, remembered values and lesson starts, keyed by learner',
    apply(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS attempts (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          learner TEXT NOT NULL,
          step TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pass','fail','pending','error','reset')),
          result TEXT NOT NULL,
          snapshot TEXT,
          source TEXT NOT NULL,
          duration_ms INTEGER NOT NULL DEFAULT 0,
          at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS attempts_by_step ON attempts (learner, step, id);
        CREATE TABLE IF NOT EXISTS settings (learner TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS cache (learner TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (learner, key));
        CREATE TABLE IF NOT EXISTS lesson_starts (learner TEXT NOT NULL, lesson TEXT NOT NULL, started_at TEXT NOT NULL, PRIMARY KEY (learner, lesson));
      `);
    },
  },
  {
    adds: 'step_state: each step\'s current status and latest attempt, so reading progress never replays history',
    apply(db) {
      db.exec(`
        CREATE TABLE step_state (
          learner TEXT NOT NULL,
          step TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pass','fail','pending','error')),
          latest_attempt INTEGER NOT NULL REFERENCES attempts (id),
          PRIMARY KEY (learner, step)
        );
      `);
      // The one replay, done once: the same rule the store applies on every record and reset.
      const keep = db.prepare(keepStepState);
      const forgetStep = db.prepare('DELETE FROM step_state WHERE learner = ? AND step = ?');
      const forgetAll = db.prepare('DELETE FROM step_state WHERE learner = ?');
      for (const row of db.prepare('SELECT id, learner, step, status FROM attempts ORDER BY id').iterate() as Iterable<{ id: number; learner: string; step: string; status: string }>) {
        if (row.status !== 'reset') keep.run(row.learner, row.step, row.status, row.id);
        else if (row.step === '*') forgetAll.run(row.learner);
        else forgetStep.run(row.learner, row.step);
      }
    },
  },
  // Workshop mode (issue 10, workshop-server): the workshop itself and the learners who joined it.
  {
    adds: 'workshop (its opaque id and event code) and workshop_learners (opaque id, display name, joined at, rejoin token hash, AWS name prefix)',
    apply(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS workshop (
          id TEXT PRIMARY KEY,
          event_code TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS workshop_learners (
          id TEXT PRIMARY KEY,
          display_name TEXT NOT NULL,
          joined_at TEXT NOT NULL,
          rejoin_hash TEXT NOT NULL UNIQUE,
          aws_prefix TEXT UNIQUE,
          language TEXT NOT NULL DEFAULT 'en'
        );
      `);
    },
  },
];

/** Brings the file to the newest version, each step in its own transaction. */
export function migrate(db: DatabaseSync): void {
  const version = () => Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  if (version() > migrations.length) {
    throw new Error(`The progress file has schema version ${version()}, newer than this ECS Workbook knows (${migrations.length}). Update the workbook (git pull, npm ci), or point ECS_WORKBOOK_DATA_DIR at another folder.`);
  }
  while (version() < migrations.length) {
    const next = version();
    db.exec('BEGIN IMMEDIATE');
    try {
      // Another process may have migrated while we waited for the lock.
      if (version() === next) {
        migrations[next]!.apply(db);
        db.exec(`PRAGMA user_version = ${next + 1}`);
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
