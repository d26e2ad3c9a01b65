/**
 * A progress file damaged on disk: opening it finds the damage at once, moves it aside, keeps the
 * learners' settings, and starts a working store.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../checks/check-contract.ts';
import { storeFileName } from '../settings/data-dir.ts';
import { writeDamagedStore } from '../../tests/harness/damaged-store.ts';
import { openProgressStore, ProgressStoreError, type ProgressStore } from './progress-store.ts';

const pass: CheckResult = { status: 'pass', summary: { key: 'ok' }, items: [], resources: [] };
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
});

function track(store: ProgressStore) {
  cleanup.unshift(() => store.close());
  return store;
}

function damagedStore(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wb-corrupt-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  writeDamagedStore(dir, { local: { region: 'eu-central-1', prefix: 'kim' }, ben: { region: 'us-west-2' } });
  return dir;
}

describe('a damaged progress file', () => {
  it('is found on open, moved aside with a message, and the learners keep their settings', () => {
    const dir = damagedStore();
    const logged: string[] = [];
    const store = track(openProgressStore(dir, { log: (m) => logged.push(m) }));
    expect(store.notice).toMatch(/could not be read .* moved to .*progress\.sqlite\.corrupt-.* new, empty progress file was started\. Your settings were kept \(a copy is in .*\.settings\.json\)/);
    expect(logged).toEqual([store.notice]);
    const aside = readdirSync(dir).find((f) => /^progress\.sqlite\.corrupt-[^.]+$/.test(f));
    expect(aside).toBeDefined();
    expect(JSON.parse(readFileSync(join(dir, `${aside}.settings.json`), 'utf8'))).toEqual({ local: { region: 'eu-central-1', prefix: 'kim' }, ben: { region: 'us-west-2' } });
    expect(store.forLearner('local').getSettings()).toEqual({ region: 'eu-central-1', prefix: 'kim' });
    expect(store.forLearner('ben').getSettings()).toEqual({ region: 'us-west-2' });
    expect(store.forLearner('local').statuses()).toEqual({});
    store.forLearner('local').record({ step: 'a/one', result: pass, snapshot: {}, source: 'cli', durationMs: 1 });
    expect(store.forLearner('local').statuses()).toEqual({ 'a/one': 'pass' });
  });

  it('a file that cannot be opened at all is a store error that says what to do, not a crash in a check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-unusable-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    // A folder where the file should be: SQLite cannot open it, and it is not damage to move aside.
    const blocked = join(dir, storeFileName);
    mkdirSync(blocked);
    let thrown: unknown;
    try {
      openProgressStore(dir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProgressStoreError);
    expect((thrown as ProgressStoreError).corrupt).toBe(false);
    expect((thrown as Error).message).toMatch(/could not be used .*Check that the folder is writable/);
    expect(existsSync(blocked)).toBe(true);
  });
});
