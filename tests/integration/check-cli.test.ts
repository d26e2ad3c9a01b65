import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnerPath } from '../harness/learner-path.ts';
import { openProgressStore } from '../../src/progress/progress-store.ts';
import { storeFileName } from '../../src/settings/data-dir.ts';
import { docker, dockerHarness, publicBusybox, tagBaseImageAsPublic } from '../harness/docker.ts';
import { startMoto, type Moto } from '../harness/moto.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const dirs: string[] = [];
const temp = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `wb-cli-${name}-`));
  dirs.push(dir);
  return dir;
};

/** Runs `ecs-workbook check …` as a learner would, with only the environment given (plus a learner's PATH, AWS CLI v2 first). */
async function cli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(node, ['bin/ecs-workbook.mjs', 'check', ...args], { cwd: root, env: { PATH: learnerPath(), LANG: 'C', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let moto: Moto;
const containers = dockerHarness();
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
  await containers.cleanup();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('ecs-workbook check', () => {
  it('passes with the account id against moto via AWS_ENDPOINT_URL, exit 0, and records it in the store', async () => {
    const data = temp('data');
    const { code, stdout } = await cli(['setup/aws-identity', '--json', '--data-dir', data], { ...moto.env, HOME: temp('home') });
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { status: string; summary: string; items: { id: string; actual?: string }[]; exitCode: number };
    expect(result).toMatchObject({ status: 'pass', exitCode: 0, summary: 'Signed in to AWS account 123456789012; checks look in ap-northeast-1.' });
    expect(result.items.find((i) => i.id === 'account')?.actual).toBe('123456789012');
    const store = openProgressStore(data);
    expect(store.forLearner('local').statuses()).toEqual({ 'setup/aws-identity': 'pass' });
    expect(store.forLearner('local').attempts()[0]!.source).toBe('cli');
    store.close();
  });

  it('with no credentials prints an error naming the fix, exit 3', async () => {
    const { code, stdout } = await cli(['setup/aws-identity', '--data-dir', temp('data')], { HOME: temp('home'), AWS_ENDPOINT_URL: moto.endpoint, AWS_EC2_METADATA_DISABLED: 'true' });
    expect(code).toBe(3);
    expect(stdout).toContain('COULD NOT CHECK setup/aws-identity: Could not check: no AWS credentials were found.');
    expect(stdout).toContain('$ aws configure');
  });

  it('fails when the Docker engine does not answer, exit 1, with the start command', async () => {
    const { code, stdout } = await cli(['setup/docker', '--data-dir', temp('data')], { HOME: temp('home'), DOCKER_HOST: `unix://${join(temp('sock'), 'docker.sock')}` });
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL setup/docker');
    expect(stdout).toContain('$ sudo systemctl start docker');
  });

  it('speaks Japanese with LANG=ja_JP.UTF-8, and with --lang ja over an English LANG: statuses, values and hints', async () => {
    const dead = { HOME: temp('home'), DOCKER_HOST: `unix://${join(temp('sock'), 'docker.sock')}` };
    for (const { args, env } of [{ args: [], env: { LANG: 'ja_JP.UTF-8' } }, { args: ['--lang', 'ja'], env: { LANG: 'en_US.UTF-8' } }]) {
      const { code, stdout } = await cli(['setup/docker', '--data-dir', temp('data'), ...args], { ...dead, ...env });
      expect(code).toBe(1);
      expect(stdout).toContain('未完了 setup/docker: Docker エンジンが動いていないか、ワークブックから接続できません。');
      expect(stdout).toContain('期待する値: docker version の出力に Server の項目がある');
      expect(stdout).not.toMatch(/FAIL|expected|actual:|shows a Server section/);
    }
  });

  it('exits 2 while a step is still settling (a check module given with --module)', async () => {
    const dir = temp('module');
    const file = join(dir, 'rollout.mjs');
    // A check an author is writing: the rollout in its snapshot is still in progress.
    writeFileSync(file, `export default {
      id: 'service/rollout',
      async observe() { return { deployments: [{ status: 'PRIMARY', rolloutState: 'IN_PROGRESS', runningCount: 1, desiredCount: 2 }] }; },
      judge(s) {
        const d = s.deployments[0];
        return { status: d.rolloutState === 'COMPLETED' ? 'pass' : 'pending', summary: { key: 'service.rollout.summary', params: { running: d.runningCount, desired: d.desiredCount } }, items: [], resources: [] };
      },
    };\n`);
    const { code, stdout } = await cli(['--module', file, '--json', '--data-dir', temp('data')], { HOME: temp('home') });
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ step: 'service/rollout', status: 'pending', exitCode: 2 });
  });

  it('passes containers/first-run for a learner who ran the container in the terminal before any Check (fresh store), exit 0, and again on a re-check', async () => {
    tagBaseImageAsPublic();
    const id = await containers.run(['-d', publicBusybox, 'echo', 'Hello from my first container']);
    await docker(['wait', id]);
    const data = temp('data');
    for (const round of ['first Check', 're-check']) {
      const { code, stdout } = await cli(['containers/first-run', '--json', '--data-dir', data], { HOME: temp('home') });
      expect(code, `${round}: ${stdout}`).toBe(0);
      expect(JSON.parse(stdout), round).toMatchObject({ status: 'pass', summary: expect.stringMatching(/^A container has run on your engine/) });
    }
    const store = openProgressStore(data);
    expect(store.forLearner('local').statuses()).toEqual({ 'containers/first-run': 'pass' });
    store.close();
  });

  it('a progress file that cannot be used is "could not check", exit 3, with what to do; never "not yet"', async () => {
    const data = temp('blocked');
    // A folder where the file should be: SQLite cannot open it.
    mkdirSync(join(data, 'progress.sqlite'));
    const { code, stdout } = await cli(['setup/docker', '--json', '--data-dir', data], { DOCKER_HOST: 'tcp://127.0.0.1:9' });
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'error', exitCode: 3, summary: expect.stringMatching(/is a folder, but the progress file should be there\. Move that folder away, or choose another folder with --data-dir/) });
  });

  it('lists the valid step ids for an unknown one, exit 4', async () => {
    const { code, stderr } = await cli(['setup/dockr', '--data-dir', temp('data')], { HOME: temp('home') });
    expect(code).toBe(4);
    expect(stderr).toContain('There is no check for step "setup/dockr". Known steps:');
    expect(stderr).toMatch(/^\s+setup\/docker$/m);
  });

  it('checks a whole lesson by its slug, in course order, in Japanese when LANG says so', async () => {
    const { code, stdout } = await cli(['--lesson', 'before-you-start', '--data-dir', temp('data')], { ...moto.env, HOME: temp('home'), LANG: 'ja_JP.UTF-8' });
    expect(code).toBe(0);
    expect(stdout.indexOf('setup/docker')).toBeLessThan(stdout.indexOf('setup/aws-identity'));
    expect(stdout.indexOf('setup/aws-identity')).toBeLessThan(stdout.indexOf('setup/tools'));
    expect(stdout).toContain('AWS アカウント 123456789012 にサインインしています');
  });
});

/** What a learner could notice of the progress folder: its files, their bytes and their times. */
function folderState(dir: string) {
  return readdirSync(dir).sort().map((name) => {
    const path = join(dir, name);
    return { name, sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs: statSync(path).mtimeMs };
  });
}

// How a workshop server will run a check inside a learner's sandbox and record the result itself.
describe('ecs-workbook check --no-record', () => {
  it('prints the result and creates no progress folder or file', async () => {
    const data = join(temp('data'), 'never-made');
    const { code, stdout } = await cli(['setup/aws-identity', '--json', '--no-record', '--data-dir', data], { ...moto.env, HOME: temp('home') });
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ step: 'setup/aws-identity', recorded: false, status: 'pass', exitCode: 0, summary: 'Signed in to AWS account 123456789012; checks look in ap-northeast-1.' });
    expect(result.attemptId).toBeUndefined();
    expect(existsSync(data)).toBe(false);
  });

  it("uses the learner's saved settings, and leaves their progress file exactly as it was", async () => {
    const data = temp('data');
    const file = openProgressStore(data);
    const store = file.forLearner('local');
    store.putSettings({ region: 'eu-west-1' });
    store.record({ step: 'setup/docker', result: { status: 'pass', summary: { key: 'setup.docker.summary.pass', params: { version: '27' } }, items: [], resources: [] }, snapshot: {}, source: 'cli', durationMs: 1 });
    file.close();
    const before = folderState(data);
    expect(before.map((file) => file.name)).toEqual([storeFileName]);

    const { code, stdout } = await cli(['setup/aws-identity', '--json', '--no-record', '--data-dir', data], { ...moto.env, HOME: temp('home') });
    expect(code).toBe(0);
    // The region came from the saved settings, not from AWS_REGION (ap-northeast-1).
    expect(JSON.parse(stdout).summary).toBe('Signed in to AWS account 123456789012; checks look in eu-west-1.');
    expect(folderState(data)).toEqual(before);
    const reopened = openProgressStore(data);
    expect(reopened.forLearner('local').attempts().map((attempt) => attempt.step)).toEqual(['setup/docker']);
    reopened.close();
  });

  it('records nothing while the workbook server has the progress file open', async () => {
    const data = temp('data');
    const serverFile = openProgressStore(data);
    const server = serverFile.forLearner('local');
    try {
      server.putSettings({ region: 'us-east-2' });
      const version = serverFile.dataVersion();
      const { code, stdout } = await cli(['setup/aws-identity', '--json', '--no-record', '--data-dir', data], { ...moto.env, HOME: temp('home') });
      expect(code).toBe(0);
      expect(JSON.parse(stdout).summary).toBe('Signed in to AWS account 123456789012; checks look in us-east-2.');
      expect(server.attempts()).toEqual([]);
      expect(server.getCached('identity')).toBeUndefined();
      expect(serverFile.dataVersion()).toBe(version);
    } finally {
      serverFile.close();
    }
  });
});

describe('ecs-workbook help', () => {
  it('speaks the reader\'s language before any setting is read: LANG, or --lang over it', async () => {
    const checkJa = await cli(['--help'], { LANG: 'ja_JP.UTF-8' });
    expect(checkJa.stdout).toContain('終了コード: 0 合格、1 未完了 (不合格)、2 反映待ち、3 チェックできない、4 使い方の誤り。');
    expect((await cli(['--help', '--lang', 'ja'], { LANG: 'en_US.UTF-8' })).stdout).toContain('使い方: ecs-workbook check <step-id>…');
    expect((await cli(['--help'], { LANG: 'C.UTF-8' })).stdout).toContain('Exit codes: 0 passed, 1 not yet (failed), 2 still settling (pending), 3 could not check, 4 bad usage.');
    const { stdout } = await run(node, ['bin/ecs-workbook.mjs', 'help'], { cwd: root, env: { PATH: process.env.PATH ?? '', LANG: 'ja_JP.UTF-8' } });
    expect(stdout).toContain('使い方: ecs-workbook <コマンド>');
  });
});
