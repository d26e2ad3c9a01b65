// `npm test`: every suite (unit and integration with vitest, browser with Playwright), then one
// closing line with the totals, so a reader (or CI) sees at a glance what ran.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// Not under test-results/: Playwright empties that folder when it starts.
const reports = '.test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const suites = [
  { name: 'unit and integration', command: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`] },
  { name: 'browser', command: ['playwright', 'test', '--reporter=list,json'], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json` } },
];

let failedSuites = 0;
for (const suite of suites) {
  console.log(`\n▶ ${suite.name} tests`);
  const [bin, ...args] = suite.command;
  const result = spawnSync(join('node_modules', '.bin', bin), args, { stdio: 'inherit', env: { ...process.env, ...suite.env } });
  if (result.status !== 0) failedSuites++;
}

function counts() {
  let passed = 0, failed = 0, skipped = 0;
  try {
    const vitest = JSON.parse(readFileSync(join(reports, 'vitest.json'), 'utf8'));
    passed += vitest.numPassedTests; failed += vitest.numFailedTests; skipped += vitest.numPendingTests + vitest.numTodoTests;
  } catch { failed++; console.error('vitest wrote no report'); }
  try {
    const stats = JSON.parse(readFileSync(join(reports, 'playwright.json'), 'utf8')).stats;
    passed += stats.expected + stats.flaky; failed += stats.unexpected; skipped += stats.skipped;
  } catch { failed++; console.error('playwright wrote no report'); }
  return { passed, failed, skipped };
}

const { passed, failed, skipped } = counts();
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (process.env.CI && skipped) console.error('Tests were skipped; in CI every test must run.');
process.exit(failedSuites || failed || (process.env.CI && skipped) ? 1 : 0);
