/**
 * What one progress event costs the server as a learner's history grows.
 * Run: ./node_modules/.bin/node bench/live-event-cost.ts
 * A real store file with N attempts (snapshots of 500 bytes) and one tab listening; each round
 * records one attempt and times `changed()`, the scan that builds and sends the event. The scan
 * reads only the rows appended since the last one and the learner's step_state, so the figure
 * should stay flat as N grows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../src/checks/check-contract.ts';
import { openProgressStore } from '../src/progress/progress-store.ts';
import { createLiveEvents } from '../src/server/live-events.ts';

const result = (status: 'fail' | 'pending'): CheckResult => ({ status, summary: { key: 'k', params: { a: 1 } }, items: [], resources: [] });
const tab = { writeHead() {}, write() {}, on() {}, end() {} } as unknown as ServerResponse;

for (const history of [100, 1_000, 10_000]) {
  const dir = mkdtempSync(join(tmpdir(), 'wb-bench-events-'));
  const store = openProgressStore(dir);
  const learner = store.forLearner('local');
  for (let i = 0; i < history; i++) learner.record({ step: `lesson/step-${i % 40}`, result: result(i % 3 ? 'fail' : 'pending'), snapshot: { filler: 'x'.repeat(500), i }, source: 'cli', durationMs: 1 });
  const live = createLiveEvents(store, { pollMs: 1e9 });
  live.subscribeLearner(tab, 'local');
  const times: number[] = [];
  for (let round = 0; round < 21; round++) {
    learner.record({ step: 'lesson/step-1', result: result('fail'), snapshot: { filler: 'x'.repeat(500) }, source: 'browser', durationMs: 1 });
    const start = performance.now();
    live.changed();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`history of ${String(history).padStart(6)} attempts: one event takes ${times[10]!.toFixed(2)} ms (median of 21)`);
  live.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
