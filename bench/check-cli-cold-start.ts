/**
 * Cold start of `ecs-workbook check setup/aws-identity --json` against moto: a fresh Node process
 * each time, as a learner's terminal runs it. Prints every run and the median (goal: <= 1 s).
 * Run: npm run bench:checks   (or ./node_modules/.bin/node bench/check-cli-cold-start.ts [runs])
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startMoto } from '../tests/harness/moto.ts';

const runs = Number(process.argv[2] ?? 9);
const root = resolve(import.meta.dirname, '..');
const data = mkdtempSync(join(tmpdir(), 'wb-bench-'));
const home = mkdtempSync(join(tmpdir(), 'wb-bench-home-'));
const moto = await startMoto();
const times: number[] = [];
try {
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const out = execFileSync(process.execPath, ['bin/ecs-workbook.mjs', 'check', 'setup/aws-identity', '--json', '--data-dir', data], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: home, ...moto.env },
    }).toString();
    const ms = performance.now() - t0;
    if (JSON.parse(out).status !== 'pass') throw new Error(`not a pass: ${out}`);
    if (i > 0) times.push(ms); // the first run warms the OS file cache and moto
  }
} finally {
  await moto.stop();
  rmSync(data, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
console.log(`check setup/aws-identity --json against moto, ${runs} cold starts (Node ${process.versions.node}):`);
console.log(`  runs (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
console.log(`  median ${median.toFixed(0)} ms, min ${sorted[0]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms — goal <= 1000 ms: ${median <= 1000 ? 'met' : 'NOT met'}`);
