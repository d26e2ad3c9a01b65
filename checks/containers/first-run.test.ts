/**
 * containers/first-run: every result a learner can see, from fixtures (a shared test engine cannot be
 * made empty, or free of other tests' containers), and the observer against the real engine.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckContext } from '../../src/checks/check-context.ts';
import { runCheck } from '../../src/checks/run-check.ts';
import { docker as dockerCli, dockerHarness, publicBusybox, tagBaseImageAsPublic } from '../../tests/harness/docker.ts';
import { defaultVars, item, judgeFixture, render } from '../../tests/harness/judge-fixtures.ts';
import firstRun, { firstRunCommand, type FirstRunSnapshot } from './first-run.ts';

describe('containers/first-run judge', () => {
  it('passes on a container that ran to completion (exit 0), naming its image', () => {
    const result = judgeFixture(firstRun, 'ran-to-completion.fixture');
    expect(result.status).toBe('pass');
    expect(result.summary).toEqual({ key: 'containers.first-run.pass', params: { image: 'public.ecr.aws/docker/library/busybox:1.36' } });
    expect(render(result.summary)).toBe('A container has run on your engine (public.ecr.aws/docker/library/busybox:1.36).');
    expect(result.items).toHaveLength(1);
    expect(item(result, 'ran')).toMatchObject({ status: 'pass', actual: 'public.ecr.aws/docker/library/busybox:1.36: Exited (0) 12 seconds ago' });
    expect(render(item(result, 'ran').label)).toBe('A container ran to completion, or is running');
    expect(result.resources).toMatchObject([{ type: 'container', region: 'local', presence: 'healthy', id: '4f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0', name: 'public.ecr.aws/docker/library/busybox:1.36' }]);
  });

  it('passes on a container that is still running, whatever its image', () => {
    const result = judgeFixture(firstRun, 'still-running.fixture');
    expect(result.status).toBe('pass');
    expect(item(result, 'ran')).toMatchObject({ status: 'pass', actual: 'nginx:latest: Up 3 minutes' });
  });

  it('fails on an engine where nothing has run, with the lesson’s command', () => {
    const result = judgeFixture(firstRun, 'no-containers.fixture');
    expect(result.status).toBe('fail');
    expect(render(result.summary)).toBe('No container has run on this engine yet.');
    const ran = item(result, 'ran');
    expect(ran).toMatchObject({ status: 'fail', expected: { key: 'value.a-container-that-ran' }, actual: { key: 'value.no-containers' }, hint: { key: 'containers.first-run.none.hint' } });
    expect(render(ran.hint)).toContain('ECR Public Gallery');
    expect(ran.fix).toBe(firstRunCommand);
    expect(ran.fix).toBe('docker run public.ecr.aws/docker/library/busybox:1.36 echo "Hello from my first container"');
    // The map shows the container the lesson asks for as missing.
    expect(result.resources).toEqual([{ type: 'container', region: 'local', id: 'public.ecr.aws/docker/library/busybox:1.36', name: 'public.ecr.aws/docker/library/busybox:1.36', presence: 'missing' }]);
  });

  it('fails when every container since the lesson start exited with an error, showing the newest one’s status and log', () => {
    const result = judgeFixture(firstRun, 'exited-with-error.fixture');
    expect(result.status).toBe('fail');
    expect(result.summary.key).toBe('containers.first-run.failed');
    expect(render(result.summary)).toBe('A container ran, but it stopped with an error.');
    const ran = item(result, 'ran');
    expect(ran).toMatchObject({ status: 'fail', expected: 'Exited (0) or Up', actual: 'public.ecr.aws/docker/library/busybox:1.36: Exited (127) 5 seconds ago\nsh: ecoh: not found' });
    expect(ran.hint).toEqual({ key: 'containers.first-run.failed.hint', params: { id: 'b7c6d5e4f3a2' } });
    expect(render(ran.hint)).toContain('docker logs b7c6d5e4f3a2');
    expect(ran.fix).toBe(firstRunCommand);
  });

  it('says what it found, and why it did not count, when every container predates the lesson start', () => {
    const result = judgeFixture(firstRun, 'only-before-lesson.fixture');
    expect(result.status).toBe('fail');
    expect(render(result.summary)).toBe('No container has run since you started this lesson (3 older ones are on this engine).');
    const ran = item(result, 'ran');
    expect(ran).toMatchObject({
      status: 'fail', expected: 'a container created after 2026-11-21T10:00:00.000Z',
      actual: 'hello-world: Exited (0) 2 days ago, created 2026-11-19T10:20:00.000Z',
    });
    expect(render(ran.hint)).toBe('The newest container here, hello-world, was created at 2026-11-19T10:20:00.000Z, before you started this lesson at 2026-11-21T10:00:00.000Z, so it does not count for this step. Run the lesson’s command now.');
    expect(render(ran.hint, 'ja')).toContain('2026-11-21T10:00:00.000Z');
    expect(ran.fix).toBe(firstRunCommand);
  });

  it('reports an engine that does not answer as “could not check”, not as the learner’s mistake', () => {
    const result = judgeFixture(firstRun, 'engine-not-running.fixture');
    expect(result.status).toBe('error');
    expect(render(result.summary)).toBe('Could not check: the Docker engine is not running or not reachable.');
    expect(render(result.items[0]!.hint)).toContain('Start Docker Desktop');
    expect(result.items[0]!.fix).toBe('sudo systemctl start docker');
  });
});

describe('containers/first-run against the Docker engine', () => {
  const docker = dockerHarness();
  beforeAll(() => tagBaseImageAsPublic(), 60_000);
  afterAll(() => docker.cleanup());

  async function observeAndJudge(lessonStartedAt?: string, client?: Docker) {
    const { ctx, dispose } = createCheckContext({ vars: defaultVars, ...(lessonStartedAt && { lessonStartedAt }), ...(client && { docker: client }) });
    try {
      return await runCheck(firstRun, ctx);
    } finally {
      dispose();
    }
  }

  it('passes once the lesson’s container has run, with no lesson start recorded yet', async () => {
    const id = await docker.run(['-d', publicBusybox, 'echo', 'Hello from my first container']);
    await dockerCli(['wait', id]);
    const run = await observeAndJudge();
    expect(run.result.status).toBe('pass');
    expect((run.snapshot as FirstRunSnapshot).containers).toContainEqual(expect.objectContaining({ Id: id, State: 'exited', Status: expect.stringMatching(/^Exited \(0\)/) }));
  });

  it('does not count a container from before the lesson start, and says how many it set aside', async () => {
    await docker.run(['-d', publicBusybox, 'true']);
    // A start after every container on the engine, even those other tests make meanwhile.
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const run = await observeAndJudge(future);
    const snapshot = run.snapshot as FirstRunSnapshot;
    expect(snapshot.containers).toEqual([]);
    expect(snapshot.earlier!.count).toBeGreaterThanOrEqual(1);
    expect(run.result.status).toBe('fail');
    expect(run.result.summary.key).toBe('containers.first-run.only-earlier');
    expect(run.result.items[0]!.expected).toBe(`a container created after ${future}`);
  });

  it('could not check when nothing listens on the engine’s socket', async () => {
    const run = await observeAndJudge(undefined, new Docker({ socketPath: join(tmpdir(), `wb-no-docker-${process.pid}.sock`) }));
    expect(run.result.status).toBe('error');
    expect(run.result.summary.key).toBe('check.error.docker-unreachable.summary');
  });
});
