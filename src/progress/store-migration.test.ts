/**
 * A progress file written by the store before schema versions (committed as a fixture, since no
 * code here makes one any more) is migrated in place: every attempt, setting, remembered value and
 * lesson start survives, and each step's state comes out as the old store derived it.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { storeFileName } from '../settings/data-dir.ts';
import { migrations } from './migrations.ts';
import { openProgressStore, type ProgressStore } from './progress-store.ts';

const fixture = join(import.meta.dirname, 'fixtures', 'v0-progress.sqlite');
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
});

function copyOfFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wb-migrate-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(fixture, join(dir, storeFileName));
  return dir;
}

function rows(file: string) {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all().map((row) => ({ ...row }));
    return {
      version: (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version,
      attempts: all('SELECT * FROM attempts ORDER BY id'),
      settings: all('SELECT * FROM settings ORDER BY learner'),
      cache: all('SELECT * FROM cache ORDER BY learner, key'),
      lessonStarts: all('SELECT * FROM lesson_starts ORDER BY learner, lesson'),
    };
  }
  finally {
    db.close();
  }
}

function opened(dir: string): ProgressStore {
  const store = openProgressStore(dir);
  cleanup.unshift(() => store.close());
  return store;
}

describe('progress store migrations', () => {
  it('keeps every attempt, setting, remembered value and lesson start of a file made before versions', () => {
    // Read from a copy: even a read-only open of a WAL file leaves files beside it.
    const before = rows(join(copyOfFixture(), storeFileName));
    expect(before.version).toBe(0);
    expect(before.attempts).toHaveLength(14);
    const dir = copyOfFixture();
    opened(dir).close();
    cleanup.shift();
    const after = rows(join(dir, storeFileName));
    expect(after.version).toBe(migrations.length);
    expect(after.attempts).toEqual(before.attempts);
    expect(after.settings).toEqual(before.settings);
    expect(after.cache).toEqual(before.cache);
    expect(after.lessonStarts).toEqual(before.lessonStarts);
  });

  it('derives each step’s state as the old store did: a pass sticks, resets forget, learners stay apart', () => {
    const store = opened(copyOfFixture());
    const local = store.forLearner('local');
    // network/vpc passed, then everything was reset; cluster/fargate's pass was reset before its fail and error.
    expect(local.statuses()).toEqual({ 'setup/docker': 'pass', 'cluster/fargate': 'error' });
    expect(Object.fromEntries(Object.entries(local.latest()).map(([step, a]) => [step, a.id]))).toEqual({ 'setup/docker': 11, 'cluster/fargate': 13 });
    expect(local.getSettings()).toEqual({ region: 'eu-west-1', prefix: 'anna', language: 'ja' });
    expect(local.lessonStartedAt('cluster')).toBe('2026-03-01T10:20:00.000Z');
    expect(local.getCached('identity')?.value).toEqual({ accountId: '123456789012', arn: 'arn:aws:iam::123456789012:user/anna' });
    const ben = store.forLearner('ben');
    expect(ben.statuses()).toEqual({ 'setup/docker': 'fail' });
    expect(ben.getSettings()).toEqual({ region: 'us-west-2' });
    expect(ben.lessonStartedAt('setup')).toBe('2026-03-02T08:00:00.000Z');
  });

  it('goes on from the migrated state, and a second open migrates nothing', () => {
    const dir = copyOfFixture();
    const first = opened(dir).forLearner('local');
    first.record({ step: 'cluster/fargate', result: { status: 'pass', summary: { key: 'ok' }, items: [], resources: [] }, snapshot: {}, source: 'cli', durationMs: 1 });
    first.record({ step: 'cluster/fargate', result: { status: 'fail', summary: { key: 'no' }, items: [], resources: [] }, snapshot: {}, source: 'cli', durationMs: 1 });
    const again = opened(dir).forLearner('local');
    expect(again.statuses()).toEqual({ 'setup/docker': 'pass', 'cluster/fargate': 'pass' });
    expect(again.attempts()).toHaveLength(15);
  });

  it('refuses a file from a newer workbook with what to do, and leaves it alone', () => {
    const dir = copyOfFixture();
    const file = join(dir, storeFileName);
    const db = new DatabaseSync(file);
    db.exec(`PRAGMA user_version = ${migrations.length + 5}`);
    db.close();
    expect(() => openProgressStore(dir)).toThrow(/newer than this ECS Workbook knows .*Update the workbook/);
    expect(rows(file).attempts).toHaveLength(14);
  });
});
