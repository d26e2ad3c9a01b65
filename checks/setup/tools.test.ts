import { describe, expect, it } from 'vitest';
import { createCheckContext } from '../../src/checks/check-context.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';
import { item, judgeFixture, render } from '../../tests/harness/judge-fixtures.ts';
import check, { awsMajorVersion, buildWay } from './tools.ts';

describe('setup/tools judge', () => {
  it('passes AWS CLI v2 on x86_64 without buildx, and says lesson 10 uses the classic docker build', () => {
    const result = judgeFixture(check, 'v2-on-x86_64-without-buildx.fixture');
    expect(result.status).toBe('pass');
    expect(render(result.summary)).toBe('AWS CLI v2 is ready. This is an x86_64 machine: lesson 10 builds with docker build.');
    expect(render(item(result, 'buildx').actual as never)).toBe('not installed, and not needed here');
    expect(item(result, 'aws-cli').actual).toBe('aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.ubuntu.22 prompt/off');
  });

  it('passes v2 on Apple Silicon with buildx, and says lesson 10 uses buildx for linux/amd64', () => {
    const result = judgeFixture(check, 'v2-on-arm64-with-buildx.fixture');
    expect(result.status).toBe('pass');
    expect(render(result.summary, 'ja')).toContain('docker buildx で linux/amd64');
    expect(item(result, 'buildx').actual).toBe('github.com/docker/buildx v0.12.1 30feaa1');
  });

  it('fails AWS CLI v1 with how to install v2 and find the v1 that shadows it', () => {
    const aws = item(judgeFixture(check, 'v1-on-linux.fixture'), 'aws-cli');
    expect(aws.status).toBe('fail');
    expect(aws.actual).toBe('aws-cli/1.18.69 Python/3.8.10 Linux/5.15.0 botocore/1.17.12');
    expect(render(aws.hint)).toMatch(/version 1.*Install version 2.*type -a aws/s);
    expect(aws.fix).toMatch(/^curl -sSfo \/tmp\/awscliv2\.zip "https:\/\/awscli\.amazonaws\.com\/awscli-exe-linux-\$\(uname -m\)\.zip" && unzip .* && sudo \/tmp\/aws\/install --update/);
  });

  it('fails a missing aws with the macOS installer', () => {
    const result = judgeFixture(check, 'aws-missing-on-darwin.fixture');
    expect(result.status).toBe('fail');
    expect(render(result.summary)).toBe('A tool the lessons need is missing or too old.');
    expect(item(result, 'aws-cli').fix).toMatch(/AWSCLIV2\.pkg.*sudo installer -pkg/);
    expect(result.resources).toContainEqual({ type: 'cli-tool', region: 'local', id: 'aws', name: 'aws', presence: 'missing' });
  });

  it('fails an arm64 Linux machine without buildx, with how to get it', () => {
    const buildx = item(judgeFixture(check, 'aarch64-without-buildx.fixture'), 'buildx');
    expect(buildx.status).toBe('fail');
    expect(buildx.actual).toBe("docker: 'buildx' is not a docker command.");
    expect(render(buildx.hint)).toMatch(/aarch64 machine.*linux\/amd64.*docker-buildx-plugin/s);
  });

  it('says it could not check when aws --version does not answer (not the learner\'s fault)', () => {
    const result = judgeFixture(check, 'aws-timed-out.fixture');
    expect(result.status).toBe('error');
    expect(result.resources).toEqual([]);
    expect(render(item(result, 'aws-cli').hint)).toContain('could not run `aws --version`');
  });

  it('warns, without failing, when the machine\'s architecture is unknown and buildx is missing', () => {
    const result = judgeFixture(check, 'machine-unknown-without-buildx.fixture');
    expect(result.status).toBe('pass');
    expect(item(result, 'buildx').status).toBe('warn');
  });

  it('reads the major version and the build way from what the commands print', () => {
    expect(awsMajorVersion('aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off')).toBe(2);
    expect(awsMajorVersion('aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.43.11')).toBe(1);
    expect(awsMajorVersion('Traceback (most recent call last):')).toBeUndefined();
    expect(buildWay({ status: 'ok', output: 'x86_64\n' })).toBe('classic');
    expect(buildWay({ status: 'ok', output: 'arm64' })).toBe('buildx');
    expect(buildWay({ status: 'ok', output: 'aarch64' })).toBe('buildx');
    expect(buildWay({ status: 'missing' })).toBe('unknown');
  });
});

describe('setup/tools observes this machine', () => {
  it('runs the real version commands and judges them', async () => {
    // This machine: Debian's AWS CLI v2 in /usr/bin, an x86_64 or arm64 kernel, buildx or not.
    const { ctx, dispose } = createCheckContext({ vars: testVariables({ region: 'eu-west-1' }), env: { PATH: '/usr/bin:/bin', HOME: '/tmp' }, timeoutMs: 60_000 });
    try {
      const snapshot = await check.observe(ctx);
      expect(snapshot.aws).toMatchObject({ status: 'ok', output: expect.stringMatching(/^aws-cli\/2\./) });
      expect(snapshot.machine).toMatchObject({ status: 'ok' });
      expect(['ok', 'failed', 'missing']).toContain(snapshot.buildx.status);
      const result = check.judge(snapshot, ctx.vars);
      expect(item(result, 'aws-cli').status).toBe('pass');
      expect(result.summary.key).toMatch(/^setup\.tools\.summary\.(pass\.(classic|buildx)|fail)$/);
    } finally {
      dispose();
    }
  }, 90_000);
});
