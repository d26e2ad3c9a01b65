/**
 * A damaged progress file: how it is recognised, and what happens to it. It is moved aside (never
 * deleted: the attempts in it may still be recovered by hand), the learners' settings are copied out
 * into a JSON file beside it and carried into the new file, and the learner is told what happened.
 * Any other failure of the store is a `ProgressStoreError`, which the API and the CLI report as
 * "could not check", never as "not yet".
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';

/** SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), by code or by the message SQLite gives. */
export function isCorrupt(error: unknown): boolean {
  const code = (error as { errcode?: number } | undefined)?.errcode;
  if (code === 11 || code === 26) return true;
  return /not a database|malformed|corrupt|file is encrypted/i.test((error as Error | undefined)?.message ?? '');
}

/** The store could not read or write its file: the Check did not happen, whatever the learner's work. */
export class ProgressStoreError extends Error {
  readonly corrupt: boolean;
  constructor(file: string, cause: unknown) {
    const corrupt = isCorrupt(cause);
    const reason = (cause as Error | undefined)?.message ?? String(cause);
    super(
      corrupt
        ? `The progress file ${file} is damaged (${reason}). Restart the workbook (npm start): it moves the file aside, keeps your settings and starts a new progress file. Your AWS resources are untouched.`
        : `The progress file ${file} could not be used (${reason}). Check that the folder is writable and the disk is not full, then try again.`,
      { cause },
    );
    this.name = 'ProgressStoreError';
    this.corrupt = corrupt;
  }
}

/** Each learner's settings, if the damaged file still gives them up. */
function salvageSettings(file: string): Record<string, Record<string, unknown>> {
  const settings: Record<string, Record<string, unknown>> = {};
  try {
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      for (const row of db.prepare('SELECT learner, value FROM settings').all() as { learner: string; value: string }[]) {
        try {
          settings[row.learner] = JSON.parse(row.value) as Record<string, unknown>;
        } catch {
          // One unreadable row must not cost the others.
        }
      }
    } finally {
      db.close();
    }
  } catch {
    // Not even the settings table can be read: nothing to carry over.
  }
  return settings;
}

export interface MovedAside {
  /** What to tell the learner, once. */
  notice: string;
  /** Settings read from the damaged file, by learner, to put into the new one. */
  settings: Record<string, Record<string, unknown>>;
}

/** Renames the file (and its WAL and shared-memory files) to `<file>.corrupt-<time>`. */
export function moveAside(file: string, error: Error): MovedAside {
  const settings = salvageSettings(file);
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  const saved = Object.keys(settings).length > 0;
  if (saved) writeFileSync(`${aside}.settings.json`, `${JSON.stringify(settings, null, 2)}\n`);
  const notice = `The progress file ${file} could not be read (${error.message}). It was moved to ${aside} and a new, empty progress file was started.${saved ? ` Your settings were kept (a copy is in ${aside}.settings.json).` : ''} Your AWS resources are untouched; run the Checks again to restore your progress.`;
  return { notice, settings };
}
