/**
 * Progress in one SQLite file (node:sqlite, WAL), shared by the server and the CLI, for every
 * learner the server serves. Attempts are only appended (a reset is an appended row too, so nothing
 * is lost); each step's current state is kept in `step_state`, updated in the same transaction as
 * the attempt, so reading it never replays history. Settings and lesson start times live in the
 * same file. Another process's writes are noticed through `PRAGMA data_version`.
 *
 * Everything about one learner goes through `forLearner(id)`: there is no default learner below
 * the edge that decides who is asking.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { CheckResult, CheckStatus } from '../checks/check-contract.ts';
import type { StepStatus } from '../progress/step-status.ts';
import { storeFileName } from '../settings/data-dir.ts';
import { isCorrupt, moveAside, ProgressStoreError } from './corrupt-store.ts';
import { keepStepState, migrate } from './migrations.ts';
import type { SeenResource } from '../cost/hourly-cost.ts';
import { mergeFound } from '../resources/resource-set.ts';

export { ProgressStoreError } from './corrupt-store.ts';

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
}

/** One appended row seen by a reader that follows the file: an attempt or a reset, without its snapshot. */
export interface AttemptSummary {
  id: number;
  learner: string;
  /** A step id, or `*` for a reset of every step. */
  step: string;
  status: CheckStatus | 'reset';
  source: string;
  at: string;
}

/** One learner's progress, settings and remembered values. */
export interface LearnerStore {
  learner: string;
  record(attempt: NewAttempt): Attempt;
  /** Forgets a step's progress (or every step's when no step is given). */
  reset(step?: string): void;
  statuses(): Record<string, StepStatus>;
  latest(): Record<string, Attempt>;
  /** Every attempt and reset, oldest first, snapshots included (the export). */
  attempts(): Attempt[];
  getSettings(): Record<string, unknown>;
  putSettings(settings: Record<string, unknown>): void;
  /** When the learner first started a lesson (the step id's lesson part); recorded on first call. */
  lessonStartedAt(lesson: string): string | undefined;
  /**
   * The lesson's start only if it was recorded strictly before `runStartedAt` (a check run's own
   * begin time): a run must never judge the learner's work by a start that it recorded itself, or
   * work done before the first Check would not count.
   */
  lessonStartedBefore(lesson: string, runStartedAt: string): string | undefined;
  markLessonStarted(lesson: string, at?: string): string;
  /** Values remembered between runs (e.g. the caller identity from STS), with when they were stored. */
  getCached<T>(key: string): { value: T; updatedAt: string } | undefined;
  putCached(key: string, value: unknown): void;
  /** The latest set of resources the Checks found (each with since when), folded from every record. */
  resources(): LearnerResourceSet;
}

/** A learner's latest resources, as the map, the cost panel and the CLI read them. */
export interface LearnerResourceSet {
  resources: SeenResource[];
  /** When a Check last reported something; absent before the first. */
  updatedAt?: string;
}

export interface ProgressStore {
  file: string;
  /** Set when the file was unreadable and moved aside: say it to the learner once. */
  notice?: string;
  forLearner(learner: string): LearnerStore;
  lastAttemptId(): number;
  /** Rows appended after `id`, every learner's, oldest first: what a follower has not seen yet. */
  attemptsAfter(id: number): AttemptSummary[];
  /** Changes whenever another connection commits: cheap to poll. */
  dataVersion(): number;
  /** Every learner's latest resources (the workshop's class total). */
  allResources(): ({ learner: string } & LearnerResourceSet)[];
  close(): void;
}

/** A reset row for every step uses this step name. */
const allSteps = '*';

function open(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    // A damaged page would otherwise surface later, in the middle of some learner's Check.
    const check = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    if (check.length !== 1 || check[0]!.quick_check !== 'ok') {
      const first = check.flatMap((row) => row.quick_check.split('\n')).find((line) => !line.startsWith('***')) ?? 'damaged';
      throw Object.assign(new Error(`database disk image is malformed: ${first}`), { errcode: 11 });
    }
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function openProgressStore(dir: string, options: { log?: (message: string) => void } = {}): ProgressStore {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, storeFileName);
  let notice: string | undefined;
  let db: DatabaseSync;
  try {
    db = open(file);
  } catch (error) {
    if (!isCorrupt(error)) throw new ProgressStoreError(file, error);
    const moved = moveAside(file, error as Error);
    notice = moved.notice;
    (options.log ?? console.warn)(notice);
    db = open(file);
    const put = db.prepare('INSERT INTO settings (learner, value, updated_at) VALUES (?, ?, ?)');
    for (const [learner, settings] of Object.entries(moved.settings)) put.run(learner, JSON.stringify(settings), new Date().toISOString());
  }

  const toAttempt = (row: Record<string, unknown>): Attempt => ({
    id: Number(row.id),
    learner: String(row.learner),
    step: String(row.step),
    status: row.status as CheckStatus,
    result: JSON.parse(String(row.result)) as CheckResult,
    snapshot: row.snapshot === null || row.snapshot === undefined ? null : JSON.parse(String(row.snapshot)),
    source: String(row.source),
    durationMs: Number(row.duration_ms),
    at: String(row.at),
  });

  const prepare = (text: string) => {
    try {
      return db.prepare(text);
    } catch (error) {
      db.close();
      throw new ProgressStoreError(file, error);
    }
  };
  const sql = {
    insert: prepare('INSERT INTO attempts (learner, step, status, result, snapshot, source, duration_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    keepState: prepare(keepStepState),
    forgetStep: prepare('DELETE FROM step_state WHERE learner = ? AND step = ?'),
    forgetAll: prepare('DELETE FROM step_state WHERE learner = ?'),
    statuses: prepare('SELECT step, status FROM step_state WHERE learner = ?'),
    latest: prepare('SELECT a.* FROM step_state s JOIN attempts a ON a.id = s.latest_attempt WHERE s.learner = ?'),
    attempts: prepare('SELECT * FROM attempts WHERE learner = ? ORDER BY id'),
    after: prepare('SELECT id, learner, step, status, source, at FROM attempts WHERE id > ? ORDER BY id'),
    lastId: prepare('SELECT coalesce(max(id), 0) AS id FROM attempts'),
    getSettings: prepare('SELECT value FROM settings WHERE learner = ?'),
    putSettings: prepare('INSERT INTO settings (learner, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (learner) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at'),
    startedAt: prepare('SELECT started_at FROM lesson_starts WHERE learner = ? AND lesson = ?'),
    markStarted: prepare('INSERT OR IGNORE INTO lesson_starts (learner, lesson, started_at) VALUES (?, ?, ?)'),
    getCached: prepare('SELECT value, updated_at FROM cache WHERE learner = ? AND key = ?'),
    putCached: prepare('INSERT INTO cache (learner, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (learner, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at'),
    dataVersion: prepare('PRAGMA data_version'),
    getResources: prepare('SELECT resources, updated_at FROM learner_resources WHERE learner = ?'),
    putResources: prepare('INSERT INTO learner_resources (learner, resources, updated_at) VALUES (?, ?, ?) ON CONFLICT (learner) DO UPDATE SET resources = excluded.resources, updated_at = excluded.updated_at'),
    allResources: prepare('SELECT learner, resources, updated_at FROM learner_resources ORDER BY learner'),
  };
  const toResourceSet = (row: { resources: string; updated_at: string } | undefined): LearnerResourceSet =>
    row ? { resources: JSON.parse(row.resources) as SeenResource[], updatedAt: row.updated_at } : { resources: [] };

  /** Every read and write goes through here: a SQLite failure becomes a store error with the fix. */
  const guarded = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      throw new ProgressStoreError(file, error);
    }
  };
  const transaction = <T>(work: () => T): T =>
    guarded(() => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const value = work();
        db.exec('COMMIT');
        return value;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    });

  const views = new Map<string, LearnerStore>();
  const forLearner = (learner: string): LearnerStore => {
    if (typeof learner !== 'string' || learner === '') throw new TypeError('forLearner needs the learner id the edge resolved.');
    const existing = views.get(learner);
    if (existing) return existing;
    const view: LearnerStore = {
      learner,
      record(attempt) {
        const at = attempt.at ?? new Date().toISOString();
        const durationMs = Math.round(attempt.durationMs);
        const status = attempt.result.status;
        const id = transaction(() => {
          const info = sql.insert.run(learner, attempt.step, status, JSON.stringify(attempt.result), JSON.stringify(attempt.snapshot ?? null), attempt.source, durationMs, at);
          sql.keepState.run(learner, attempt.step, status, info.lastInsertRowid);
          // The resource set moves with the attempt that reported it, in the same transaction.
          const found = attempt.result.resources ?? [];
          if (found.length > 0) {
            const current = toResourceSet(sql.getResources.get(learner) as { resources: string; updated_at: string } | undefined).resources;
            sql.putResources.run(learner, JSON.stringify(mergeFound(current, found, at)), at);
          }
          return Number(info.lastInsertRowid);
        });
        return { id, learner, step: attempt.step, status, result: attempt.result, snapshot: attempt.snapshot, source: attempt.source, durationMs, at };
      },
      reset(step) {
        transaction(() => {
          sql.insert.run(learner, step ?? allSteps, 'reset', '{}', null, 'reset', 0, new Date().toISOString());
          if (step === undefined) sql.forgetAll.run(learner);
          else sql.forgetStep.run(learner, step);
        });
      },
      statuses() {
        const statuses: Record<string, StepStatus> = {};
        for (const row of guarded(() => sql.statuses.all(learner)) as { step: string; status: StepStatus }[]) statuses[row.step] = row.status;
        return statuses;
      },
      latest() {
        const latest: Record<string, Attempt> = {};
        for (const row of guarded(() => sql.latest.all(learner)) as Record<string, unknown>[]) latest[String(row.step)] = toAttempt(row);
        return latest;
      },
      attempts() {
        return (guarded(() => sql.attempts.all(learner)) as Record<string, unknown>[]).map(toAttempt);
      },
      getSettings() {
        const row = guarded(() => sql.getSettings.get(learner)) as { value: string } | undefined;
        return row ? (JSON.parse(row.value) as Record<string, unknown>) : {};
      },
      putSettings(settings) {
        guarded(() => sql.putSettings.run(learner, JSON.stringify(settings), new Date().toISOString()));
      },
      lessonStartedAt(lesson) {
        return (guarded(() => sql.startedAt.get(learner, lesson)) as { started_at: string } | undefined)?.started_at;
      },
      lessonStartedBefore(lesson, runStartedAt) {
        const startedAt = view.lessonStartedAt(lesson);
        return startedAt !== undefined && startedAt < runStartedAt ? startedAt : undefined;
      },
      markLessonStarted(lesson, at = new Date().toISOString()) {
        guarded(() => sql.markStarted.run(learner, lesson, at));
        return view.lessonStartedAt(lesson)!;
      },
      getCached<T>(key: string) {
        const row = guarded(() => sql.getCached.get(learner, key)) as { value: string; updated_at: string } | undefined;
        return row ? { value: JSON.parse(row.value) as T, updatedAt: row.updated_at } : undefined;
      },
      putCached(key, value) {
        guarded(() => sql.putCached.run(learner, key, JSON.stringify(value), new Date().toISOString()));
      },
      resources() {
        return toResourceSet(guarded(() => sql.getResources.get(learner)) as { resources: string; updated_at: string } | undefined);
      },
    };
    views.set(learner, view);
    return view;
  };

  return {
    file,
    ...(notice && { notice }),
    forLearner,
    lastAttemptId: () => Number((guarded(() => sql.lastId.get()) as { id: number }).id),
    attemptsAfter: (id) =>
      (guarded(() => sql.after.all(id)) as Record<string, unknown>[]).map((row) => ({
        id: Number(row.id),
        learner: String(row.learner),
        step: String(row.step),
        status: row.status as AttemptSummary['status'],
        source: String(row.source),
        at: String(row.at),
      })),
    dataVersion: () => Number((guarded(() => sql.dataVersion.get()) as { data_version: number }).data_version),
    allResources: () =>
      (guarded(() => sql.allResources.all()) as { learner: string; resources: string; updated_at: string }[]).map((row) => ({ learner: row.learner, ...toResourceSet(row) })),
    close() {
      db.close();
    },
  };
}
