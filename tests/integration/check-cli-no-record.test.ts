import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProgressStore } from '../../src/progress/progress-store.ts';
import { storeFileName } from '../../src/settings/data-dir.ts';
import { startMoto, type Moto } from '../harness/moto.ts';

/**
 * `ecs-workbook check <id> --json --no-record` is how a workshop server will run a check inside a
 * learner's sandbox and record the result itself: it prints the result and writes nothing.
 */
const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const temp = mkdtempSync(join(tmpdir(), 'wb-no-record-'));

async function cli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(node, ['bin/ecs-workbook.mjs', 'check', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', LANG: 'C', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** What a learner could notice of the progress folder: its files, their bytes and their times. */
function folderState(dir: string) {
  return readdirSync(dir).sort().map((name) => {
    const path = join(dir, name);
    return { name, sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs: statSync(path).mtimeMs };
  });
}

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
  rmSync(temp, { recursive: true, force: true });
});

describe('ecs-workbook check --no-record', () => {
  it('prints the result and creates no progress folder or file', async () => {
    const data = join(temp, 'never-made');
    const { code, stdout } = await cli(['setup/aws-identity', '--json', '--no-record', '--data-dir', data], { ...moto.env, HOME: temp });
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ step: 'setup/aws-identity', recorded: false, status: 'pass', exitCode: 0, summary: 'Signed in to AWS account 123456789012; checks look in ap-northeast-1.' });
    expect(result.attemptId).toBeUndefined();
    expect(existsSync(data)).toBe(false);
  });

  it("uses the learner's saved settings, and leaves their progress file exactly as it was", async () => {
    const data = join(temp, 'closed');
    const file = openProgressStore(data);
    const store = file.forLearner('local');
    store.putSettings({ region: 'eu-west-1' });
    store.record({ step: 'setup/docker', result: { status: 'pass', summary: { key: 'setup.docker.summary.pass', params: { version: '27' } }, items: [], resources: [] }, snapshot: {}, source: 'cli', durationMs: 1 });
    file.close();
    const before = folderState(data);
    expect(before.map((file) => file.name)).toEqual([storeFileName]);

    const { code, stdout } = await cli(['setup/aws-identity', '--json', '--no-record', '--data-dir', data], { ...moto.env, HOME: temp });
    expect(code).toBe(0);
    // The region came from the saved settings, not from AWS_REGION (ap-northeast-1).
    expect(JSON.parse(stdout).summary).toBe('Signed in to AWS account 123456789012; checks look in eu-west-1.');
    expect(folderState(data)).toEqual(before);
    const reopened = openProgressStore(data);
    expect(reopened.forLearner('local').attempts().map((attempt) => attempt.step)).toEqual(['setup/docker']);
    reopened.close();
  });

  it('records nothing while the workbook server has the progress file open', async () => {
    const data = join(temp, 'open');
    const serverFile = openProgressStore(data);
    const server = serverFile.forLearner('local');
    try {
      server.putSettings({ region: 'us-east-2' });
      const version = serverFile.dataVersion();
      const { code, stdout } = await cli(['setup/aws-identity', '--json', '--no-record', '--data-dir', data], { ...moto.env, HOME: temp });
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
