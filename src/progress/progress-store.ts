/**
 * Progress in one SQLite file (node:sqlite, WAL), shared by the server and the CLI. Attempts are
 * only appended; a step's current state is derived from them (a pass stays a pass until the learner
 * resets the step; a reset is an appended row too, so nothing is lost). Settings and lesson start
 * times live in the same file. Another process's writes are noticed through `PRAGMA data_version`.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { CheckResult, CheckStatus } from '../checks/check-contract.ts';
import type { StepStatus } from '../progress/step-status.ts';
import { storeFileName } from '../settings/data-dir.ts';

export const soloLearner = 'local';

export interface Attempt {
  id: number;
  learner: string;
  step: string;
  status: CheckStatus;
  result: CheckResult;
  snapshot: unknown;
  /** `browser`, `cli`, `watch`, `auto` (a pending re-check). */
  source: string;
  durationMs: number;
  at: string;
}

export interface NewAttempt {
  step: string;
  result: CheckResult;
  snapshot: unknown;
  source: string;
  durationMs: number;
  at?: string;
  learner?: string;
}

export interface ProgressStore {
  file: string;
  /** Set when the file was unreadable and moved aside: say it to the learner once. */
  notice?: string;
  record(attempt: NewAttempt): Attempt;
  /** Forgets a step's progress (or every step's when no step is given). */
  reset(step?: string, learner?: string): void;
  statuses(learner?: string): Record<string, StepStatus>;
  latest(learner?: string): Record<string, Attempt>;
  attempts(learner?: string): Attempt[];
  lastAttemptId(): number;
  getSettings(learner?: string): Record<string, unknown>;
  putSettings(settings: Record<string, unknown>, learner?: string): void;
  /** When the learner first started a lesson (the step id's lesson part); recorded on first call. */
  lessonStartedAt(lesson: string, learner?: string): string | undefined;
  /**
   * The lesson's start only if it was recorded strictly before `runStartedAt` (a check run's own
   * begin time): a run must never judge the learner's work by a start that it recorded itself, or
   * work done before the first Check would not count.
   */
  lessonStartedBefore(lesson: string, runStartedAt: string, learner?: string): string | undefined;
  markLessonStarted(lesson: string, learner?: string, at?: string): string;
  /** Values remembered between runs (e.g. the caller identity from STS), with when they were stored. */
  getCached<T>(key: string, learner?: string): { value: T; updatedAt: string } | undefined;
  putCached(key: string, value: unknown, learner?: string): void;
  /** Changes whenever another connection commits: cheap to poll. */
  dataVersion(): number;
  close(): void;
}

const schema = `
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
`;

/** A reset row for every step uses this step name. */
const allSteps = '*';

function open(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec(schema);
    db.prepare('SELECT count(*) FROM attempts').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isCorrupt(error: unknown): boolean {
  const message = (error as Error)?.message ?? '';
  return /not a database|malformed|corrupt|file is encrypted/i.test(message) || (error as { errcode?: number }).errcode === 26 || (error as { errcode?: number }).errcode === 11;
}

export function openProgressStore(dir: string, options: { log?: (message: string) => void } = {}): ProgressStore {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, storeFileName);
  let notice: string | undefined;
  let db: DatabaseSync;
  try {
    db = open(file);
  } catch (error) {
    if (!isCorrupt(error)) throw error;
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    notice = `The progress file ${file} could not be read (${(error as Error).message}). It was moved to ${aside} and a new, empty progress file was started. Your AWS resources are untouched; run the Checks again to restore your progress.`;
    (options.log ?? console.warn)(notice);
    db = open(file);
  }

  const insert = db.prepare('INSERT INTO attempts (learner, step, status, result, snapshot, source, duration_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const rows = db.prepare('SELECT * FROM attempts WHERE learner = ? ORDER BY id');
  const rowsSince = db.prepare(`SELECT * FROM attempts WHERE learner = ? AND id > coalesce((SELECT max(id) FROM attempts WHERE learner = ? AND step = '${allSteps}'), 0) ORDER BY id`);
  const toAttempt = (row: Record<string, unknown>): Attempt => ({
    id: Number(row.id),
    learner: String(row.learner),
    step: String(row.step),
    status: row.status as CheckStatus,
    result: JSON.parse(String(row.result)) as CheckResult,
    snapshot: row.snapshot === null ? null : JSON.parse(String(row.snapshot)),
    source: String(row.source),
    durationMs: Number(row.duration_ms),
    at: String(row.at),
  });

  /** Attempts since the last reset of everything, with per-step resets applied. */
  const live = (learner: string) => {
    const byStep = new Map<string, { attempts: Attempt[] }>();
    for (const row of rowsSince.all(learner, learner) as Record<string, unknown>[]) {
      const step = String(row.step);
      if (row.status === 'reset') {
        byStep.delete(step);
        continue;
      }
      const entry = byStep.get(step) ?? { attempts: [] };
      entry.attempts.push(toAttempt(row));
      byStep.set(step, entry);
    }
    return byStep;
  };

  return {
    file,
    ...(notice && { notice }),
    record(attempt) {
      const at = attempt.at ?? new Date().toISOString();
      const learner = attempt.learner ?? soloLearner;
      const info = insert.run(learner, attempt.step, attempt.result.status, JSON.stringify(attempt.result), JSON.stringify(attempt.snapshot ?? null), attempt.source, Math.round(attempt.durationMs), at);
      return { id: Number(info.lastInsertRowid), learner, step: attempt.step, status: attempt.result.status, result: attempt.result, snapshot: attempt.snapshot, source: attempt.source, durationMs: Math.round(attempt.durationMs), at };
    },
    reset(step, learner = soloLearner) {
      insert.run(learner, step ?? allSteps, 'reset', '{}', null, 'reset', 0, new Date().toISOString());
    },
    statuses(learner = soloLearner) {
      const statuses: Record<string, StepStatus> = {};
      for (const [step, { attempts }] of live(learner)) {
        statuses[step] = attempts.some((a) => a.status === 'pass') ? 'pass' : attempts.at(-1)!.status;
      }
      return statuses;
    },
    latest(learner = soloLearner) {
      const latest: Record<string, Attempt> = {};
      for (const [step, { attempts }] of live(learner)) latest[step] = attempts.at(-1)!;
      return latest;
    },
    attempts(learner = soloLearner) {
      return (rows.all(learner) as Record<string, unknown>[]).map(toAttempt);
    },
    lastAttemptId() {
      return Number((db.prepare('SELECT coalesce(max(id), 0) AS id FROM attempts').get() as { id: number }).id);
    },
    getSettings(learner = soloLearner) {
      const row = db.prepare('SELECT value FROM settings WHERE learner = ?').get(learner) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as Record<string, unknown>) : {};
    },
    putSettings(settings, learner = soloLearner) {
      db.prepare('INSERT INTO settings (learner, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (learner) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
        .run(learner, JSON.stringify(settings), new Date().toISOString());
    },
    lessonStartedAt(lesson, learner = soloLearner) {
      const row = db.prepare('SELECT started_at FROM lesson_starts WHERE learner = ? AND lesson = ?').get(learner, lesson) as { started_at: string } | undefined;
      return row?.started_at;
    },
    lessonStartedBefore(lesson, runStartedAt, learner = soloLearner) {
      const startedAt = this.lessonStartedAt(lesson, learner);
      return startedAt !== undefined && startedAt < runStartedAt ? startedAt : undefined;
    },
    markLessonStarted(lesson, learner = soloLearner, at = new Date().toISOString()) {
      db.prepare('INSERT OR IGNORE INTO lesson_starts (learner, lesson, started_at) VALUES (?, ?, ?)').run(learner, lesson, at);
      return this.lessonStartedAt(lesson, learner)!;
    },
    getCached<T>(key: string, learner = soloLearner) {
      const row = db.prepare('SELECT value, updated_at FROM cache WHERE learner = ? AND key = ?').get(learner, key) as { value: string; updated_at: string } | undefined;
      return row ? { value: JSON.parse(row.value) as T, updatedAt: row.updated_at } : undefined;
    },
    putCached(key, value, learner = soloLearner) {
      db.prepare('INSERT INTO cache (learner, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (learner, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
        .run(learner, key, JSON.stringify(value), new Date().toISOString());
    },
    dataVersion() {
      return Number((db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
    },
    close() {
      db.close();
    },
  };
}
