/**
 * A progress file really damaged on disk, as a crash on a failing disk leaves one: a real store
 * with the given learners' settings and enough attempts to span many pages, then garbage written
 * over the inside of some attempt pages (the header and the settings page stay intact).
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openProgressStore } from '../../src/progress/progress-store.ts';
import { storeFileName } from '../../src/settings/data-dir.ts';

export function writeDamagedStore(dir: string, settings: Record<string, Record<string, unknown>>): void {
  const store = openProgressStore(dir);
  for (const [learner, values] of Object.entries(settings)) store.forLearner(learner).putSettings(values);
  for (let i = 0; i < 300; i++) {
    store.forLearner('local').record({ step: `lesson/step-${i % 7}`, result: { status: 'pass', summary: { key: 'ok' }, items: [], resources: [] }, snapshot: { filler: 'x'.repeat(200), i }, source: 'cli', durationMs: 1 });
  }
  store.close();
  const file = join(dir, storeFileName);
  const pageSize = 4096;
  const pages = statSync(file).size / pageSize;
  if (pages < 10) throw new Error(`the store has only ${pages} pages; the damage would hit its header`);
  const fd = openSync(file, 'r+');
  for (const page of [pages - 6, pages - 4, pages - 2]) writeSync(fd, Buffer.alloc(3000, 0x5a), 0, 3000, page * pageSize + 8);
  closeSync(fd);
}
