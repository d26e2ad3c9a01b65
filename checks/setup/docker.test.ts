import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { createCheckContext } from '../../src/checks/check-context.ts';
import { runCheck } from '../../src/checks/run-check.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';
import { judgeFixture } from '../../tests/harness/judge-fixtures.ts';
import check, { type DockerSnapshot } from './docker.ts';

const vars = testVariables();

describe('setup/docker judge', () => {
  it('fails with how to start Docker Desktop when its socket is missing', () => {
    const result = judgeFixture(check, 'desktop-not-started.fixture', vars);
    expect(result.status).toBe('fail');
    expect(result.items[0]).toMatchObject({ id: 'engine', status: 'fail', hint: { key: 'setup.docker.engine.start-hint-desktop' }, actual: 'connect ENOENT /var/run/docker.sock' });
    expect(result.items[0]!.fix).toBeUndefined();
  });

  it('tells a user without access to the socket to join the docker group', () => {
    const result = judgeFixture(check, 'socket-permission.fixture', vars);
    expect(result.items[0]).toMatchObject({ hint: { key: 'setup.docker.engine.permission-hint' }, fix: 'sudo usermod -aG docker "$USER"' });
  });

  it('fails an engine set to Windows containers', () => {
    const result = judgeFixture(check, 'windows-containers.fixture', vars);
    expect(result.status).toBe('fail');
    expect(result.items.find((i) => i.id === 'linux-containers')).toMatchObject({ status: 'fail', expected: 'linux', actual: 'windows' });
  });

  it('passes an arm64 engine with a warning about Fargate’s default architecture', () => {
    const result = judgeFixture(check, 'arm64-desktop.fixture', vars);
    expect(result.status).toBe('pass');
    expect(result.items.find((i) => i.id === 'architecture')).toMatchObject({ status: 'warn', expected: 'amd64', actual: 'arm64' });
  });
});

describe('setup/docker against the Docker engine', () => {
  it('passes with the engine’s version and API version', async () => {
    const { ctx } = createCheckContext({ vars });
    const run = await runCheck(check, ctx);
    expect(run.result.status).toBe('pass');
    const snapshot = run.snapshot as DockerSnapshot;
    expect(snapshot.engine).toMatchObject({ reachable: true, os: 'linux', version: expect.stringMatching(/^\d+\.\d+/), apiVersion: expect.stringMatching(/^1\.\d+$/) });
    expect(run.result.items[0]!.actual).toMatch(/^Docker Engine \d+\.\d+\S* \(API 1\.\d+\), linux\//);
  });

  it('fails with the start command when nothing listens on the socket', async () => {
    const socketPath = join(tmpdir(), `wb-no-docker-${process.pid}.sock`);
    const { ctx } = createCheckContext({ vars, docker: new Docker({ socketPath }) });
    const run = await runCheck(check, ctx);
    expect(run.result.status).toBe('fail');
    expect(run.result.items[0]).toMatchObject({ id: 'engine', actual: `connect ENOENT ${socketPath}`, fix: 'sudo systemctl start docker' });
  });
});
