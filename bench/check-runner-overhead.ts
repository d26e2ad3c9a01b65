/**
 * The runner's own time per check beyond the AWS calls: for setup/aws-identity against moto, the
 * whole `service.run()` (variables, context, classification, judge, SQLite insert, rendering)
 * minus the time spent inside observe. Warm process, so it is the per-click cost in the server.
 * Run: ./node_modules/.bin/node bench/check-runner-overhead.ts [runs]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { courseChecks } from '../checks/index.ts';
import { createCheckService } from '../src/checks/check-service.ts';
import { openProgressStore } from '../src/progress/progress-store.ts';
import { startMoto } from '../tests/harness/moto.ts';

const runs = Number(process.argv[2] ?? 50);
const moto = await startMoto();
Object.assign(process.env, moto.env);
delete process.env.AWS_PROFILE;
const data = mkdtempSync(join(tmpdir(), 'wb-bench-'));
const store = openProgressStore(data);
const service = createCheckService(store.forLearner('local'), { checks: courseChecks });
const overhead: number[] = [];
const observe: number[] = [];
try {
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    const { attempt, run } = await service.run('setup/aws-identity', { source: 'bench' });
    await service.render(attempt, 'en');
    const total = performance.now() - t0;
    if (attempt.status !== 'pass') throw new Error(`not a pass: ${JSON.stringify(attempt.result)}`);
    if (i < 3) continue; // warm-up: module loading, first connection
    overhead.push(total - run.observeMs);
    observe.push(run.observeMs);
  }
} finally {
  store.close();
  await moto.stop();
  rmSync(data, { recursive: true, force: true });
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;
console.log(`runner overhead per check (setup/aws-identity, moto, ${runs} warm runs, Node ${process.versions.node}):`);
console.log(`  outside observe: median ${median(overhead).toFixed(2)} ms, p95 ${p95(overhead).toFixed(2)} ms`);
console.log(`  inside observe (STS call to moto + config read): median ${median(observe).toFixed(2)} ms`);
