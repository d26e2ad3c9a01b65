/**
 * Lessons 01–05 as code: every Command block, in order, runs in one bash shell (like the learner's
 * terminal) with the learner's values filled in, against moto (AWS) and the real Docker engine. Each
 * step's own Check must not pass before its commands and must pass after them. Commands that cannot
 * run here use the stand-in declared next to them in the MDX, and every stand-in used is printed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseChecks } from '../../checks/index.ts';
import { createCheckContext } from '../../src/checks/check-context.ts';
import { runCheck } from '../../src/checks/run-check.ts';
import { learnerVariables } from '../../src/settings/learner-variables.ts';
import { openProgressStore } from '../../src/progress/progress-store.ts';
import { createCheckService } from '../../src/checks/check-service.ts';
import { ensureBaseImage } from '../harness/docker.ts';
import { startLocalRegistry } from '../harness/local-registry.ts';
import { startMoto, type Moto } from '../harness/moto.ts';
import type { CourseShell } from '../../src/course-run/course-shell.ts';
import { startRehearsalShell } from '../../src/course-run/rehearsal-shell.ts';
import { runLesson } from '../../src/course-run/run-lesson.ts';
import { learnerPath } from '../harness/learner-path.ts';

const lessons = ['01-containers', '02-dockerfile', '03-ecr', '04-network', '05-cluster'];
const workspace = mkdtempSync(join(tmpdir(), 'ecs-workbook-lessons-'));
// A prefix keeps this run's images, containers and names apart from anything else on the engine,
// exactly as a learner's prefix does (wbtest-ecs-handson-app, wbtest-ecs-handson-vpc, …).
const settings = { prefix: 'wbtest', workspace, region: 'ap-northeast-1' };
const vars = learnerVariables(settings, { region: settings.region, accountId: '123456789012' });
const values = vars as unknown as Record<string, string>;

let moto: Moto;
let registry: Awaited<ReturnType<typeof startLocalRegistry>>;
let shell: CourseShell;
const standInsUsed: string[] = [];
const startedAt = new Date(Date.now() - 1000).toISOString();

async function checkStatus(stepId: string, lessonStartedAt: string) {
  const check = await courseChecks.registry.load(stepId);
  const owned = createCheckContext({ vars, lessonStartedAt, maxAttempts: 1 });
  try {
    return (await runCheck(check, owned.ctx)).result;
  } finally {
    owned.dispose();
  }
}

function frontmatterSteps(lesson: string): string[] {
  const text = readFileSync(`lessons/${lesson}/en.mdx`, 'utf8');
  return [...text.split('---')[1]!.matchAll(/- id: (\S+)/g)].map((match) => match[1]!);
}

beforeAll(async () => {
  ensureBaseImage();
  [moto, registry] = await Promise.all([startMoto({ region: vars.region }), startLocalRegistry()]);
  // The checks (in this process) and the learner's shell talk to the same moto.
  Object.assign(process.env, moto.env);
  // The product's rehearsal shell (`ecs-workbook course run`), with AWS CLI v2 first on PATH as
  // in the learner's terminal; the stand-ins read the local registry's port.
  shell = await startRehearsalShell({
    learnerEnv: { PATH: learnerPath(), HOME: process.env.HOME!, LANG: 'C.UTF-8', ...moto.env },
    workspace, region: vars.region, real: false, extraEnv: { WB_REGISTRY_PORT: String(registry.port) },
  });
}, 300_000);

afterAll(async () => {
  shell?.close();
  // Only what this run made: the app container by its name, and first-run containers of the exact public busybox name.
  const remove = execFileSync('docker', ['ps', '-a', '--format', '{{.ID}} {{.Image}} {{.Names}}'], { encoding: 'utf8' })
    .split('\n').map((line) => line.split(' ')).filter(([, image, name]) => name === `${vars.repository}-local` || image === 'public.ecr.aws/docker/library/busybox:1.36')
    .map(([id]) => id!);
  if (remove.length) execFileSync('docker', ['rm', '-f', ...remove], { stdio: 'ignore' });
  const images = execFileSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'], { encoding: 'utf8' }).split('\n').filter((name) => name.includes(vars.repository));
  if (images.length) execFileSync('docker', ['image', 'rm', '-f', ...images], { stdio: 'ignore' });
  await Promise.all([moto?.stop(), registry?.stop()]);
  rmSync(workspace, { recursive: true, force: true });
  console.log(`Stand-ins used (${standInsUsed.length}):\n${standInsUsed.map((line) => `  - ${line}`).join('\n')}`);
});

describe('lessons 01–05 as code', () => {
  for (const lesson of lessons) {
    it(`${lesson}: every step's check fails before its commands and passes after`, async () => {
      const lessonStartedAt = new Date(Date.now() - 1000).toISOString();
      const steps = frontmatterSteps(lesson);
      expect(steps.length).toBeGreaterThan(0);
      const ran: string[] = [];
      const outcome = await runLesson({
        folder: lesson, shell, values, useStandIns: true, dir: 'lessons',
        beforeStep: async (step) => {
          const before = await checkStatus(step, lessonStartedAt);
          expect(before.status, `${step} before its commands: ${JSON.stringify(before.items)}`).not.toBe('pass');
        },
        afterStep: async (step) => {
          ran.push(step);
          const after = await checkStatus(step, lessonStartedAt);
          expect(after.status, `${step} after its commands: ${JSON.stringify(after.items, null, 1)}`).toBe('pass');
        },
      });
      for (const used of outcome.standInsUsed) standInsUsed.push(`${lesson}: ${used.code.split('\n')[0]} → ${used.reason}`);
      expect(outcome.failure, outcome.failure && `${outcome.failure.text}\n${outcome.failure.result.output}`).toBeUndefined();
      expect(ran, 'every step has commands and was checked after them').toEqual(steps);
    }, 900_000);
  }

  it('`npx ecs-workbook check --lesson network --json` exits 0 against the state the lesson built', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ecs-workbook-data-'));
    try {
      const store = openProgressStore(dataDir);
      const saved = createCheckService(store.forLearner('local'), { checks: courseChecks }).saveSettings(settings);
      store.close();
      expect(saved.ok).toBe(true);
      const env = { PATH: process.env.PATH!, HOME: process.env.HOME!, LANG: 'C', ...moto.env, ECS_WORKBOOK_DATA_DIR: dataDir };
      const { stdout } = await promisify(execFile)('node_modules/.bin/node', ['bin/ecs-workbook.mjs', 'check', '--lesson', 'network', '--json'], { env });
      const report = JSON.parse(stdout) as { exitCode: number; results: { step: string; status: string }[] };
      expect(report.results.map((result) => [result.step, result.status])).toEqual([
        ['network/vpc', 'pass'], ['network/subnets', 'pass'], ['network/internet-gateway', 'pass'], ['network/routes', 'pass'], ['network/security-groups', 'pass'],
      ]);
      expect(report.exitCode).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('the sample app files the lesson writes are the ones in sandbox/app', () => {
    expect(readFileSync(join(workspace, 'Dockerfile'), 'utf8')).toBe(readFileSync('sandbox/app/Dockerfile', 'utf8'));
    expect(readFileSync(join(workspace, 'start.sh'), 'utf8')).toBe(readFileSync('sandbox/app/start.sh', 'utf8'));
  });

  // After lesson 02 the learner's image exists: replace its container with the classic mistakes,
  // on the real engine, and read the verdict a learner would see.
  describe('the container check on the real engine', () => {
    const name = `${vars.repository}-local`;
    const replace = (...args: string[]) => {
      execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
      execFileSync('docker', ['run', '-d', '--name', name, ...args], { stdio: 'ignore' });
    };
    const settle = () => new Promise((resolve) => setTimeout(resolve, 700));

    it('a swapped mapping (8081 → 80) fails on the mapping, with the replacing command', async () => {
      replace('-p', '8081:80', vars.repository);
      await settle();
      const result = await checkStatus('dockerfile/container-running', startedAt);
      expect(result.status).toBe('fail');
      expect(result.items.find((item: { id: string }) => item.id === 'port-mapping')).toMatchObject({ actual: '8081->80/tcp', hint: { key: 'dockerfile.container-running.port-mapping.wrong' } });
    });

    it('an app listening on the container loopback fails on HTTP, with the 0.0.0.0 hint', async () => {
      replace('-p', '8081:3000', vars.repository, 'httpd', '-f', '-p', '127.0.0.1:3000', '-h', '/app');
      await settle();
      const result = await checkStatus('dockerfile/container-running', startedAt);
      expect(result.status).toBe('fail');
      expect(result.items.find((item: { id: string }) => item.id === 'port-mapping')?.status).toBe('pass');
      expect(result.items.find((item: { id: string }) => item.id === 'http')?.hint?.key).toBe('dockerfile.container-running.http.loopback');
    });

    it('a crashed container fails with its exit status and log', async () => {
      replace(vars.repository, 'sh', '-c', 'echo "start.sh: boom" >&2; exit 3');
      await settle();
      const result = await checkStatus('dockerfile/container-running', startedAt);
      expect(result.status).toBe('fail');
      expect(result.summary.key).toBe('dockerfile.container-running.crashed');
      expect(result.items[0]?.actual).toMatch(/^Exited \(3\)/);
      expect(result.items[0]?.actual).toContain('start.sh: boom');
    });
  });
});
