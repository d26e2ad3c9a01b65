import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalSandbox } from './local-sandbox.ts';

const home = mkdtempSync(join(tmpdir(), 'wb-local-sandbox-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("the local sandbox runs a command as the learner's shell would", () => {
  const sandbox = createLocalSandbox({
    learnerEnv: { HOME: home, PATH: process.env.PATH, SHELL: '/bin/sh', AWS_REGION: 'eu-west-1', ECS_WORKBOOK_SIGN_IN_TOKEN: 'server-secret' },
  });

  it('in the workspace folder, with the learner\'s AWS settings and none of the server\'s', async () => {
    const result = await sandbox.exec('lrn-ann', ['sh', '-c', 'pwd; echo "region=$AWS_REGION token=${ECS_WORKBOOK_SIGN_IN_TOKEN:-none}"; echo oops >&2; exit 3'], { timeoutMs: 5_000 });
    expect(result).toEqual({ exitCode: 3, stdout: `${home}/ecs-workbook\nregion=eu-west-1 token=none\n`, stderr: 'oops\n', timedOut: false });
  });

  it('ends a command at its time limit and says so', async () => {
    const started = Date.now();
    const result = await sandbox.exec('lrn-ann', ['sleep', '10'], { timeoutMs: 300 });
    expect(result).toMatchObject({ exitCode: -1, timedOut: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects a command that does not exist, naming it', async () => {
    await expect(sandbox.exec('lrn-ann', ['no-such-command-here'], { timeoutMs: 1_000 })).rejects.toThrow('spawn no-such-command-here ENOENT');
  });

  it('says every learner\'s sandbox is ready (this machine is always there)', async () => {
    expect(await sandbox.status('lrn-bob')).toEqual({ learner: 'lrn-bob', phase: 'ready' });
  });
});
