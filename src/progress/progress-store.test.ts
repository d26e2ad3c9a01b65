import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult, CheckStatus } from '../checks/check-contract.ts';
import { openProgressStore, type ProgressStore } from './progress-store.ts';

const result = (status: CheckStatus): CheckResult => ({ status, summary: { key: `s.${status}` }, items: [], resources: [] });
const dirs: string[] = [];
const stores: ProgressStore[] = [];
function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'wb-store-'));
  dirs.push(dir);
  return dir;
}
function open(dir: string, log?: (m: string) => void) {
  const store = openProgressStore(dir, log ? { log } : {});
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('progress store', () => {
  it('appends attempts and derives each step’s state; a pass stays until the step is reset', () => {
    const store = open(fresh()).forLearner('local');
    store.record({ step: 'a/one', result: result('fail'), snapshot: { x: 1 }, source: 'browser', durationMs: 12 });
    store.record({ step: 'a/two', result: result('pending'), snapshot: {}, source: 'cli', durationMs: 5 });
    expect(store.statuses()).toEqual({ 'a/one': 'fail', 'a/two': 'pending' });
    store.record({ step: 'a/one', result: result('pass'), snapshot: {}, source: 'browser', durationMs: 5 });
    store.record({ step: 'a/one', result: result('error'), snapshot: {}, source: 'browser', durationMs: 5 });
    expect(store.statuses()['a/one']).toBe('pass');
    expect(store.latest()['a/one']!.status).toBe('error');
    store.reset('a/one');
    expect(store.statuses()).toEqual({ 'a/two': 'pending' });
    store.reset();
    expect(store.statuses()).toEqual({});
    expect(store.attempts().map((a) => a.status)).toEqual(['fail', 'pending', 'pass', 'error', 'reset', 'reset']);
    expect(store.attempts()[0]!.snapshot).toEqual({ x: 1 });
  });

  it('keeps everything in the file across reopening, in WAL mode', () => {
    const dir = fresh();
    const first = open(dir).forLearner('local');
    first.record({ step: 'a/one', result: result('pass'), snapshot: {}, source: 'cli', durationMs: 1 });
    first.putSettings({ region: 'us-west-2' });
    first.markLessonStarted('a', '2026-01-01T00:00:00.000Z');
    stores.pop()!.close();
    const again = open(dir).forLearner('local');
    expect(again.statuses()).toEqual({ 'a/one': 'pass' });
    expect(again.getSettings()).toEqual({ region: 'us-west-2' });
    expect(again.markLessonStarted('a')).toBe('2026-01-01T00:00:00.000Z');
    expect(existsSync(join(dir, 'progress.sqlite-wal'))).toBe(true);
  });

  it('gives a check run the lesson start only when it was recorded before the run began', () => {
    const file = open(fresh());
    const store = file.forLearner('local');
    const runBegan = '2026-05-01T09:00:00.000Z';
    expect(store.lessonStartedBefore('ecr', runBegan)).toBeUndefined();
    // The run that finds the work still to do records the start at its own begin time…
    store.markLessonStarted('ecr', runBegan);
    // …and is not judged by it, while a later run is.
    expect(store.lessonStartedBefore('ecr', runBegan)).toBeUndefined();
    expect(store.lessonStartedBefore('ecr', '2026-05-01T09:00:00.001Z')).toBe(runBegan);
    // A start recorded while a run was under way (the page opened meanwhile) is not that run's either.
    store.markLessonStarted('containers', '2026-05-01T09:00:05.000Z');
    expect(store.lessonStartedBefore('containers', '2026-05-01T09:00:04.000Z')).toBeUndefined();
    expect(store.lessonStartedBefore('containers', '2026-05-01T09:00:06.000Z')).toBe('2026-05-01T09:00:05.000Z');
    // Per learner.
    expect(file.forLearner('someone-else').lessonStartedBefore('ecr', '2026-06-01T00:00:00.000Z')).toBeUndefined();
  });

  it('notices another process’s writes through data_version', () => {
    const dir = fresh();
    const server = open(dir);
    const cli = open(dir);
    const before = server.dataVersion();
    expect(server.dataVersion()).toBe(before);
    cli.forLearner('local').record({ step: 'a/one', result: result('fail'), snapshot: {}, source: 'cli', durationMs: 1 });
    expect(server.dataVersion()).not.toBe(before);
    expect(server.forLearner('local').statuses()).toEqual({ 'a/one': 'fail' });
  });

  it('moves a corrupt file aside with a clear message and starts a new store', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'progress.sqlite'), 'this is not a database '.repeat(200));
    const logged: string[] = [];
    const store = open(dir, (m) => logged.push(m));
    expect(store.notice).toMatch(/could not be read .* moved to .*progress\.sqlite\.corrupt-.* new, empty progress file/);
    expect(logged).toEqual([store.notice]);
    expect(readdirSync(dir).some((f) => f.startsWith('progress.sqlite.corrupt-'))).toBe(true);
    store.forLearner('local').record({ step: 'a/one', result: result('pass'), snapshot: {}, source: 'cli', durationMs: 1 });
    expect(store.forLearner('local').statuses()).toEqual({ 'a/one': 'pass' });
  });
});

describe('progress store, one learner beside another', () => {
  it('keeps each learner’s progress, settings, lesson starts and remembered values apart', () => {
    const store = open(fresh());
    const ana = store.forLearner('ana');
    const ben = store.forLearner('ben');
    ana.record({ step: 'a/one', result: result('pass'), snapshot: {}, source: 'browser', durationMs: 1 });
    ben.record({ step: 'a/one', result: result('fail'), snapshot: {}, source: 'browser', durationMs: 1 });
    ana.putSettings({ region: 'eu-west-1' });
    ana.markLessonStarted('a', '2026-01-01T00:00:00.000Z');
    ana.putCached('identity', { accountId: '1' });
    expect(ana.statuses()).toEqual({ 'a/one': 'pass' });
    expect(ben.statuses()).toEqual({ 'a/one': 'fail' });
    expect(ben.getSettings()).toEqual({});
    expect(ben.lessonStartedAt('a')).toBeUndefined();
    expect(ben.getCached('identity')).toBeUndefined();
    ben.reset();
    expect(ana.statuses()).toEqual({ 'a/one': 'pass' });
    expect(ben.attempts().map((a) => a.status)).toEqual(['fail', 'reset']);
  });

  it('tells a follower the rows appended since it last looked, for every learner, without snapshots', () => {
    const store = open(fresh());
    const seen = store.lastAttemptId();
    store.forLearner('ana').record({ step: 'a/one', result: result('fail'), snapshot: { big: 'x' }, source: 'cli', durationMs: 1 });
    store.forLearner('ben').reset('a/one');
    const after = store.attemptsAfter(seen);
    expect(after.map(({ learner, step, status }) => ({ learner, step, status }))).toEqual([
      { learner: 'ana', step: 'a/one', status: 'fail' },
      { learner: 'ben', step: 'a/one', status: 'reset' },
    ]);
    expect(after[0]).not.toHaveProperty('snapshot');
    expect(store.attemptsAfter(store.lastAttemptId())).toEqual([]);
    expect(() => store.forLearner('')).toThrow(/learner id/);
  });
});
