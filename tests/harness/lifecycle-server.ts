/**
 * A workshop server in a child process, for tests that kill it (SIGKILL) and start it again over
 * the same data folder: the real workbook (createWorkbook, its store, API and terminal) with the
 * Docker provider and the sandbox lifecycle, as the workshop command composes them, but without
 * the join page: a test's learner is named by a `wbtest-learner` cookie (the test's edge), and the
 * learners "who joined" are a JSON list in the data folder (the roster's stand-in).
 *
 *   node tests/harness/lifecycle-server.ts   with env WBTEST_DATA_DIR, WBTEST_WORKSHOP, WBTEST_IMAGE,
 *   WBTEST_PORT, and optional WBTEST_IDLE_MS, WBTEST_TIME_LIMIT_MS, WBTEST_CLAIM (learners to start now),
 *   WBTEST_WARM (sandboxes kept ready), WBTEST_MAX_STARTS (sandbox starts at once), WBTEST_EXTRA_MS
 *   (`learner=ms,…`: with a time limit, the room's deadlines as a workshop wires them, the time
 *   limit counting from ready, and these learners given this much more time, as the instructor's
 *   "extend" would, in milliseconds instead of minutes)
 *
 * Prints one JSON line {ready, url, adopted, removed} once listening; exits when the workshop ends.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createDockerSandboxProvider } from '../../src/sandbox/docker-provider.ts';
import { serveWorkbook } from '../../src/server/serve-workbook.ts';
import { createWorkbook } from '../../src/server/workbook.ts';
import { startSandboxLifecycle } from '../../src/workshop/sandbox-lifecycle.ts';
import { courseChecks } from '../../checks/index.ts';
import { createRoomTools, type RoomTools } from '../../src/server/room/room-feature.ts';
import { learnerScope, workshopScope } from '../../src/server/room/room-store.ts';
import { armStoredDeadlines, followDeadlineChanges } from '../../src/workshop/room-deadlines.ts';

const env = process.env;
const dataDir = env.WBTEST_DATA_DIR!;
const port = Number(env.WBTEST_PORT);
const url = `http://127.0.0.1:${port}`;
const learners = () => new Set<string>(JSON.parse(readFileSync(join(dataDir, 'wbtest-learners.json'), 'utf8')) as string[]);

let tools: RoomTools | undefined;
const provider = await createDockerSandboxProvider({ workshop: env.WBTEST_WORKSHOP!, image: env.WBTEST_IMAGE!, limits: { memoryMiB: 512, cpus: 0.5, pids: 256 }, ...(env.WBTEST_MAX_STARTS && { maxConcurrentStarts: Number(env.WBTEST_MAX_STARTS) }) });
const server = createServer();
const life = await startSandboxLifecycle({
  provider,
  learners: { ids: learners, language: () => 'en' },
  dataDir,
  url,
  ...(env.WBTEST_IDLE_MS && { idleMs: Number(env.WBTEST_IDLE_MS) }),
  // With the room's deadlines, the time counts from ready (below), not from before the claims.
  ...(env.WBTEST_TIME_LIMIT_MS && !env.WBTEST_EXTRA_MS && { timeLimitMs: Number(env.WBTEST_TIME_LIMIT_MS) }),
  ...(env.WBTEST_WARM && { warm: Number(env.WBTEST_WARM) }),
  onEnded: async (why, removed) => {
    console.log(JSON.stringify({ ended: why, removed: removed.length }));
    await workbook.close();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  },
});
const workbook = createWorkbook({
  host: '127.0.0.1',
  port,
  dataDir,
  configuration: { signInToken: 'wbtest-unused', signInTokenFixed: false, terminalIdleMs: 60 * 60_000 },
  resolvePrincipal: (req) => {
    const id = /(?:^|;\s*)wbtest-learner=([a-z0-9-]+)/.exec(req.headers.cookie ?? '')?.[1];
    return id && learners().has(id) ? { kind: 'learner', id } : undefined;
  },
  sandbox: life.sandbox,
  terminal: { maxConnections: 512 },
  checkRunnerFor: life.checkRunnerFor,
  features: (parts) => [...life.features(parts), ...(env.WBTEST_EXTRA_MS ? [(tools = createRoomTools(parts, { checks: courseChecks, learners: () => [...learners()], onDeadlineChanged: followDeadlineChanges(life) }))] : [])],
});
serveWorkbook(server, workbook, (_req, res) => {
  res.writeHead(404);
  res.end();
});
for (const learner of (env.WBTEST_CLAIM ?? '').split(',').filter(Boolean)) await provider.claim(learner);
if (tools && env.WBTEST_TIME_LIMIT_MS) {
  armStoredDeadlines(life, tools.store, learners(), Number(env.WBTEST_TIME_LIMIT_MS));
  const workshopEnds = Date.parse(tools.store.deadline(workshopScope)!);
  for (const [learner, ms] of env.WBTEST_EXTRA_MS!.split(',').map((pair) => pair.split('='))) {
    const endsAt = new Date(workshopEnds + Number(ms)).toISOString();
    tools.store.setDeadline(learnerScope(learner!), endsAt);
    followDeadlineChanges(life)(learnerScope(learner!), endsAt);
  }
}
await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
// The launch secret goes to the test or bench that started this process (a harness only: never do this in the app).
console.log(JSON.stringify({ ready: true, url, secret: workbook.launchSecret, adopted: life.recovery.adopted.map((s) => `${s.learner}:${s.phase}`).sort(), removed: life.recovery.removed }));
