/**
 * The lesson start a check run is given: only one recorded before the run began, so work a
 * learner did in the terminal before their first Check counts. Real store file; the check is one
 * made here that reports what its context held (the way `--module` lets an author run one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openProgressStore, type ProgressStore } from '../progress/progress-store.ts';
import { defineCheck, type CheckStatus } from './check-contract.ts';
import { createRegistry } from './check-registry.ts';
import { createCheckService } from './check-service.ts';
import { mergeDictionaries } from './render-message.ts';

/** A course with no checks of its own: every run here hands its check in. */
const emptyCourse = { registry: createRegistry([]), dictionaries: async () => mergeDictionaries([]) };

const opened: { store: ProgressStore; dir: string }[] = [];
afterEach(() => {
  for (const { store, dir } of opened.splice(0)) {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

function freshService() {
  const dir = mkdtempSync(join(tmpdir(), 'wb-service-'));
  const file = openProgressStore(dir);
  opened.push({ store: file, dir });
  const store = file.forLearner('local');
  // A remembered identity, so the run does not ask STS (nothing here answers it).
  store.putCached('identity', { accountId: '123456789012', arn: 'arn:aws:iam::123456789012:user/learner' });
  return { store, service: createCheckService(store, { checks: emptyCourse, env: { AWS_REGION: 'ap-northeast-1' } }) };
}

/** A check of lesson "containers" whose judge says `status` and whose snapshot shows the start it was given. */
function probe(status: CheckStatus) {
  return defineCheck<{ lessonStartedAt: string | null }>({
    id: 'containers/probe',
    observe: async (ctx) => ({ lessonStartedAt: ctx.lessonStartedAt ?? null }),
    judge: () => ({ status, summary: { key: 'probe' }, items: [], resources: [] }),
  });
}

const startGiven = (outcome: { run: { snapshot: unknown } }) => (outcome.run.snapshot as { lessonStartedAt: string | null }).lessonStartedAt;

describe('check service: the lesson start a run is judged by', () => {
  it('a first run that fails is not judged by a start, records one at its own begin time, and the next run gets it', async () => {
    const { store, service } = freshService();
    const first = await service.run('containers/probe', { check: probe('fail') });
    expect(startGiven(first)).toBeNull();
    const recorded = store.lessonStartedAt('containers');
    expect(recorded).toMatch(/^\d{4}-\d\d-\d\dT/);
    // At the run's begin, which is no later than its observe.
    expect(Date.parse(recorded!)).toBeLessThanOrEqual(Date.parse(first.run.startedAt));
    const second = await service.run('containers/probe', { check: probe('fail') });
    expect(startGiven(second)).toBe(recorded);
  });

  it('a run that passes records no start, so a later re-check judges the same work the same way', async () => {
    const { store, service } = freshService();
    expect(startGiven(await service.run('containers/probe', { check: probe('pass') }))).toBeNull();
    expect(store.lessonStartedAt('containers')).toBeUndefined();
    expect(startGiven(await service.run('containers/probe', { check: probe('pass') }))).toBeNull();
  });

  it('an error (could not look) records no start: it learned nothing about the work', async () => {
    const { store, service } = freshService();
    await service.run('containers/probe', { check: probe('error') });
    expect(store.lessonStartedAt('containers')).toBeUndefined();
  });

  it('runs of one CLI invocation share its begin time: a later step is not judged by a start an earlier one recorded', async () => {
    const { store, service } = freshService();
    const invokedAt = new Date().toISOString();
    await service.run('containers/probe', { check: probe('fail'), runStartedAt: invokedAt });
    expect(store.lessonStartedAt('containers')).toBe(invokedAt);
    expect(startGiven(await service.run('containers/probe', { check: probe('fail'), runStartedAt: invokedAt }))).toBeNull();
  });

  it('a start recorded earlier (the lesson page opened) is given to the run', async () => {
    const { store, service } = freshService();
    store.markLessonStarted('containers', '2026-01-01T00:00:00.000Z');
    expect(startGiven(await service.run('containers/probe', { check: probe('pass') }))).toBe('2026-01-01T00:00:00.000Z');
  });
});
