/**
 * The learner sandbox image: built once from a local Debian base (no registry is reachable here),
 * found again by the hash of its inputs, holding the tools the lessons use, and a failed build that
 * names the step that failed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ensureSandboxImage, inputsLabel } from '../../sandbox/image/build-image.ts';
import { sandboxImage, firstBuildTimeoutMs } from '../harness/sandbox.ts';

const run = promisify(execFile);

describe('the sandbox image', () => {
  it('holds the lessons’ tools, a Docker engine, AWS CLI v2, Node and the ecs-workbook CLI', async () => {
    const image = await sandboxImage();
    const script = [
      'for tool in bash curl jq git less nano; do command -v $tool >/dev/null || echo "missing $tool"; done',
      'aws --version', 'dockerd --version', 'node --version', 'ecs-workbook --help | head -1', 'id learner',
    ].join('; ');
    const { stdout } = await run('docker', ['run', '--rm', '--entrypoint', 'bash', image, '-c', script]);
    expect(stdout).not.toContain('missing');
    expect(stdout).toMatch(/^aws-cli\/2\./m);
    expect(stdout).toMatch(/^Docker version \d+/m);
    expect(stdout).toMatch(/^v2[4-9]\./m);
    expect(stdout).toContain('Usage: ecs-workbook <command>');
    expect(stdout).toMatch(/groups=.*\(docker\)/);
  }, firstBuildTimeoutMs);

  it('is reused while its inputs are unchanged, and labelled with their hash', async () => {
    const image = await sandboxImage();
    const again = await ensureSandboxImage();
    expect(again).toMatchObject({ tag: image, built: false });
    console.log(`sandbox image found again (cached) in ${again.seconds.toFixed(2)} s`);
    expect(again.seconds).toBeLessThan(15);
    const { stdout } = await run('docker', ['image', 'inspect', '--format', `{{index .Config.Labels "${inputsLabel}"}}`, image]);
    expect(image.endsWith(`:${stdout.trim().slice(0, 16)}`)).toBe(true);
  }, firstBuildTimeoutMs);

  it('a build that fails says which step failed', async () => {
    await sandboxImage();
    const failed = ensureSandboxImage({ baseImage: 'ecs-workbook-no-such-base:missing' });
    // The base cannot be found here (no registry), so the Dockerfile's FROM is the step that failed.
    await expect(failed).rejects.toThrow(/^Building the sandbox image failed at step "docker build: FROM \$\{BASE_IMAGE\}": docker exited with 1\. Last lines:\n[\s\S]*Step 2\/\d+ : FROM/);
  }, firstBuildTimeoutMs);
});
