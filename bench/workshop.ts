// A room of learners on one workshop server: N simulated learners join, open their shells, type
// and run a Check, against the real workbook server (its own process), the Docker provider and
// real sandboxes. Prints:
//   - join → first prompt, p50 and p95, from a warm pool (N learners at once) and from cold;
//   - echo round trip p99 with all N shells active (every learner typing at once);
//   - a Check run inside each sandbox (setup/docker, against the learner's own engine), p50/p95;
//   - server memory per learner, and each idle sandbox's memory.
// Goals (2-core machine): warm join → prompt p95 <= 2 s at 30 learners; echo p99 <= 50 ms;
// server <= 5 MB per learner; idle sandbox <= 64 MB.
//
//   npm run bench:workshop [-- --learners N] [--cold C] [--echo-samples S]
//
// Needs only the repository and a Docker engine: the sandbox image is built on first use, and
// memory is read through the engine's API and /proc. Join here is the server's edge given a learner
// id (the join page's form is the workshop command's; its cost is one SQLite insert).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import WebSocket from 'ws';
import { ensureSandboxImage } from '../sandbox/image/build-image.ts';
import { ClientOp, frame, ServerOp, u32 } from '../src/shared/terminal-protocol.ts';
import { workshopLabel } from '../src/sandbox/workshop-network.ts';
import { stopWorkshop } from '../src/workshop/stop-command.ts';
import { sweepWorkshop } from '../src/workshop/workshop-end.ts';
import { percentile } from './bench-harness.ts';

const { values: args } = parseArgs({
  options: {
    learners: { type: 'string', default: '30' },
    cold: { type: 'string', default: '4' },
    'echo-samples': { type: 'string', default: '100' },
    port: { type: 'string', default: process.env.E2E_PORT ? String(Number(process.env.E2E_PORT) + 9) : '4429' },
  },
});
const learners = Number(args.learners);
const coldLearners = Number(args.cold);
const echoSamples = Number(args['echo-samples']);
const port = Number(args.port);
if (!(learners >= 1) || !(coldLearners >= 0) || !(echoSamples >= 1)) {
  console.error('Usage: npm run bench:workshop -- [--learners N (default 30)] [--cold C (default 4)] [--echo-samples S (default 100)]');
  process.exit(4);
}

const docker = new Docker();
const workshop = `bench-${randomBytes(3).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'ecs-workbook-bench-workshop-'));
const warmIds = Array.from({ length: learners }, (_, i) => `lw${String(i).padStart(3, '0')}`);
const coldIds = Array.from({ length: coldLearners }, (_, i) => `lc${String(i).padStart(3, '0')}`);
writeFileSync(join(dataDir, 'wbtest-learners.json'), JSON.stringify([...warmIds, ...coldIds]));

const escapes = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
const sleep = (time: number) => new Promise((resolve) => setTimeout(resolve, time));

console.log(`Workshop bench: ${learners} learners from a warm pool, ${coldLearners} from cold, on ${process.env.HOSTNAME ?? 'this machine'}`);
const image = await ensureSandboxImage({ log: (line) => console.log(`  image: ${line}`) });
console.log(`sandbox image ${image.tag}${image.built ? ` (built in ${image.seconds.toFixed(0)} s)` : ''}`);

let server: ChildProcess | undefined;
let url = '';
let secret = '';
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server!.pid}/status`, 'utf8'))![1]) * 1024;

interface Learner { id: string; ws: WebSocket; onOutput: (chunk: Buffer) => void; ack(bytes: number): void; type(text: string): void }

/** Joins (the edge's cookie), opens the terminal and resolves with the time to the first prompt. */
async function joinAndOpen(id: string): Promise<{ learner: Learner; ms: number }> {
  const started = performance.now();
  const ws = new WebSocket(`${url.replace('http', 'ws')}/terminal`, { headers: { origin: url, cookie: `wbtest-learner=${id}` }, perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const learner: Learner = {
    id,
    ws,
    onOutput: () => {},
    ack: (bytes) => ws.send(frame(ClientOp.ack, u32(bytes))),
    type: (text) => ws.send(frame(ClientOp.input, Buffer.from(text))),
  };
  let prompted: () => void;
  const prompt = new Promise<void>((resolve) => (prompted = resolve));
  let seen = '';
  ws.on('message', (data: Buffer) => {
    if (data[0] !== ServerOp.output) return;
    const chunk = data.subarray(1);
    learner.onOutput(chunk);
    // The prompt is coloured (Debian's bashrc on a 256-colour terminal): read it without escapes.
    seen = (seen + chunk.toString('latin1')).slice(-400);
    if (/learner@sandbox:~\/work\$ $/.test(seen.replace(escapes, ''))) prompted();
  });
  ws.once('close', (code, reason) => console.error(`  ${id}: terminal closed (${code} ${reason.toString()})`));
  ws.send(frame(ClientOp.hello, Buffer.from(JSON.stringify({ token: secret, cols: 120, rows: 40 }))));
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${id}: no prompt within 180 s`)), 180_000).unref());
  await Promise.race([prompt, timeout]);
  return { learner, ms: performance.now() - started };
}

async function ownContainers(filter: (name: string) => boolean) {
  const list = await docker.listContainers({ all: true, filters: { label: [`${workshopLabel}=${workshop}`] } });
  return list.filter((c) => filter(c.Names[0] ?? ''));
}

/** Memory a container uses, as `docker stats` shows it: usage without the reclaimable page cache. */
async function memoryMiB(id: string): Promise<number> {
  const stats = (await docker.getContainer(id).stats({ stream: false })) as { memory_stats: { usage?: number; stats?: Record<string, number> } };
  const { usage = 0, stats: detail = {} } = stats.memory_stats;
  return (usage - (detail.inactive_file ?? detail.total_inactive_file ?? 0)) / 1024 / 1024;
}

function summary(label: string, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return `${label}: p50 ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, max ${ms(sorted.at(-1) ?? 0)} (n=${sorted.length})`;
}

// The figures depend on how busy the machine is: sample the 1-minute load average through the run.
const loads: number[] = [];
const sampleLoad = setInterval(() => loads.push(loadavg()[0]!), 5000);
sampleLoad.unref();

const joined: Learner[] = [];
try {
  server = spawn(process.execPath, [join(import.meta.dirname, '..', 'tests', 'harness', 'lifecycle-server.ts')], {
    env: { ...process.env, WBTEST_DATA_DIR: dataDir, WBTEST_WORKSHOP: workshop, WBTEST_IMAGE: image.tag, WBTEST_PORT: String(port), WBTEST_WARM: String(learners), WBTEST_IDLE_MS: String(60 * 60_000) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ url: string; secret: string }>((resolve, reject) => {
    createInterface({ input: server!.stdout! }).on('line', (line) => {
      if (line.includes('"ready":true')) resolve(JSON.parse(line));
    });
    server!.once('exit', (code) => reject(new Error(`the workshop server exited with ${code}`)));
  });
  ({ url, secret } = ready);
  const baseline = rss();

  // The pool: as the instructor's --warm does before the room arrives.
  const warmStarted = performance.now();
  for (;;) {
    const warm = await ownContainers((name) => name.includes('-warm-'));
    if (warm.filter((c) => c.State === 'running').length >= learners) break;
    if (performance.now() - warmStarted > learners * 20_000 + 60_000) throw new Error(`the warm pool did not fill: ${warm.length} of ${learners}`);
    await sleep(500);
  }
  console.log(`warm pool of ${learners} ready in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`);
  await sleep(5000); // the inner engines settle

  // The room joins at once.
  const warmJoins = await Promise.all(warmIds.map((id) => joinAndOpen(id)));
  joined.push(...warmJoins.map((j) => j.learner));
  const warmTimes = warmJoins.map((j) => j.ms);
  const warmP95 = percentile([...warmTimes].sort((a, b) => a - b), 95);
  console.log(`${summary(`join → first prompt, warm pool, ${learners} at once`, warmTimes)} (goal p95 <= 2000 ms at 30) ${met(warmP95 <= 2000)}`);

  // Latecomers: the pool is empty, their sandboxes start cold (through the start queue).
  if (coldLearners > 0) {
    const coldJoins = await Promise.all(coldIds.map((id) => joinAndOpen(id)));
    joined.push(...coldJoins.map((j) => j.learner));
    console.log(summary(`join → first prompt, cold, ${coldLearners} at once`, coldJoins.map((j) => j.ms)));
  }
  await sleep(3000);
  const perLearnerMiB = (rss() - baseline) / joined.length / 1024 / 1024;

  // Everyone types at once: one character to `cat`, wait for its echo, again.
  for (const learner of joined) learner.type('cat\r');
  await sleep(1000);
  const echoes: number[] = [];
  await Promise.all(joined.map(async (learner) => {
    let waiting: (() => void) | undefined;
    let unacked = 0;
    learner.onOutput = (chunk) => {
      unacked += chunk.length;
      if (unacked >= 16 * 1024) {
        learner.ack(unacked);
        unacked = 0;
      }
      if (chunk.includes(0x61)) waiting?.();
    };
    for (let i = 0; i < echoSamples + 5; i++) {
      const echoed = new Promise<void>((resolve) => (waiting = resolve));
      const start = performance.now();
      learner.type('a');
      await echoed;
      if (i >= 5) echoes.push(performance.now() - start);
      await sleep(30 + Math.random() * 70); // typing speed: 10–30 keys a second
    }
    learner.type('\x03');
  }));
  const sortedEchoes = echoes.sort((a, b) => a - b);
  const echoP99 = percentile(sortedEchoes, 99);
  console.log(`echo round trip with ${joined.length} shells typing: p50 ${percentile(sortedEchoes, 50).toFixed(1)} ms, p99 ${echoP99.toFixed(1)} ms, max ${sortedEchoes.at(-1)!.toFixed(1)} ms (goal p99 <= 50 ms) ${met(echoP99 <= 50)}`);

  // Everyone presses Check (the Docker engine step, run inside each learner's sandbox).
  const checks = await Promise.all(joined.map(async (learner) => {
    const started = performance.now();
    const response = await fetch(`${url}/api/checks/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url, cookie: `wbtest-learner=${learner.id}` },
      body: JSON.stringify({ step: 'setup/docker', source: 'browser' }),
    });
    const body = (await response.json()) as { attempt?: { status: string } };
    return { ms: performance.now() - started, status: body.attempt?.status ?? `HTTP ${response.status}` };
  }));
  const statuses = checks.reduce<Record<string, number>>((count, c) => ({ ...count, [c.status]: (count[c.status] ?? 0) + 1 }), {});
  console.log(`${summary(`Check (setup/docker, inside each sandbox), ${joined.length} at once`, checks.map((c) => c.ms))}; results ${JSON.stringify(statuses)}`);

  console.log(`server memory: ${(baseline / 1024 / 1024).toFixed(0)} MiB before joins, ${(rss() / 1024 / 1024).toFixed(0)} MiB with ${joined.length} learners: ${perLearnerMiB.toFixed(2)} MiB per learner (goal <= 5 MB) ${met(perLearnerMiB * 1.048576 <= 5)}`);

  // Idle: shells open, nobody typing, for a while.
  await sleep(15_000);
  const sandboxes = await ownContainers((name) => name.includes('-l-'));
  const memories = (await Promise.all(sandboxes.map((c) => memoryMiB(c.Id)))).sort((a, b) => a - b);
  const maxIdle = memories.at(-1) ?? 0;
  console.log(`idle sandbox memory (shell open, own Docker engine running): median ${percentile(memories, 50).toFixed(1)} MiB, max ${maxIdle.toFixed(1)} MiB over ${memories.length} (goal <= 64 MB) ${met(maxIdle * 1.048576 <= 64)}`);
  const sortedLoads = loads.sort((a, b) => a - b);
  console.log(`load average (1 min) during the run: min ${(sortedLoads[0] ?? 0).toFixed(1)}, median ${(sortedLoads.length ? percentile(sortedLoads, 50) : 0).toFixed(1)}, max ${(sortedLoads.at(-1) ?? 0).toFixed(1)} on ${navigator.hardwareConcurrency} cores`);
} finally {
  clearInterval(sampleLoad);
  for (const learner of joined) learner.ws.terminate();
  if (server && server.exitCode === null) {
    await stopWorkshop(dataDir).catch(async (error: Error) => {
      console.error(`stop failed (${error.message}); removing directly`);
      server!.kill('SIGKILL');
      await sweepWorkshop(docker, workshop);
    });
  } else {
    await sweepWorkshop(docker, workshop);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
