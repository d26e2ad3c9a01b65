import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolVersions, type ToolName } from './tool-versions.ts';

/** A folder put alone on PATH, holding real executables that stand for the learner's tools. */
const bin = mkdtempSync(join(tmpdir(), 'wb-tools-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

function tool(name: string, script: string): void {
  const path = join(bin, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
}

describe('the version commands a check may run', () => {
  it('reads the real AWS CLI v2 on this machine', async () => {
    const answer = await createToolVersions({ env: { PATH: '/usr/bin:/bin' }, timeoutMs: 30_000 }).version('aws');
    expect(answer.status).toBe('ok');
    expect(answer.status === 'ok' && answer.output).toMatch(/^aws-cli\/2\./);
  });

  it('reads a version printed on stderr, as AWS CLI v1 does', async () => {
    tool('aws', 'echo "aws-cli/1.18.69 Python/2.7.18 Linux/5.4 botocore/1.17.12" >&2');
    expect(await createToolVersions({ env: { PATH: bin } }).version('aws')).toEqual({ status: 'ok', output: 'aws-cli/1.18.69 Python/2.7.18 Linux/5.4 botocore/1.17.12' });
  });

  it('says a program is missing when it is not on the learner\'s PATH', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'wb-empty-'));
    try {
      expect(await createToolVersions({ env: { PATH: empty } }).version('machine')).toEqual({ status: 'missing' });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('records a non-zero exit with what the program said (docker without the buildx plugin)', async () => {
    tool('docker', 'echo "docker: unknown command: docker $1" >&2; exit 1');
    expect(await createToolVersions({ env: { PATH: bin } }).version('buildx')).toEqual({ status: 'failed', exitCode: 1, output: 'docker: unknown command: docker buildx' });
  });

  it('stops a command that hangs, within its time limit, as could not check', async () => {
    tool('uname', 'exec /bin/sleep 30');
    const started = Date.now();
    expect(await createToolVersions({ env: { PATH: bin }, timeoutMs: 300 }).version('machine')).toEqual({ status: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('passes arguments as argv, never through a shell, and runs nothing outside the list', async () => {
    tool('uname', 'printf "%s|" "$@"');
    expect(await createToolVersions({ env: { PATH: bin } }).version('machine')).toEqual({ status: 'ok', output: '-m|' });
    await expect(createToolVersions({ env: { PATH: bin } }).version('rm -rf /' as ToolName)).rejects.toThrow(/No version command/);
    await expect(createToolVersions({ env: { PATH: bin } }).version('toString' as ToolName)).rejects.toThrow(/No version command/);
  });
});
