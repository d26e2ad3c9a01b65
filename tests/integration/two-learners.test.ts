/**
 * One server, two learners and an instructor. The server's edge is given a sign-in that maps three
 * cookies to three principals (as a workshop sign-in will); everything else is the real workbook:
 * the API, the live-event streams, the page locals and one SQLite file. Neither learner sees the
 * other's progress, events or settings, and only the instructor may follow everyone.
 */
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProgressStore } from '../../src/progress/progress-store.ts';
import { cookieOf, startPrincipalServer, type PrincipalServer } from '../harness/principal-server.ts';
import { TerminalClient, waitUntil } from './terminal/terminal-harness.ts';

const ana = cookieOf('ana');
const ben = cookieOf('ben');
const teacher = cookieOf('teacher');

let app: PrincipalServer;

beforeAll(async () => {
  app = await startPrincipalServer();
});
afterAll(async () => {
  await app?.close();
});

const as: PrincipalServer['as'] = (...request) => app.as(...request);
/** An open event stream, as a tab holds it: every frame received so far, parsed. */
const listen: PrincipalServer['listen'] = (...stream) => app.listen(...stream);

/** Longer than the poll interval a few times over: what has not arrived by then is not coming. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe('one server, two learners', () => {
  it('keeps each learner’s progress and events to that learner, and the instructor hears both', async () => {
    const anaEvents = await listen(ana);
    const benEvents = await listen(ben);
    const everyone = await listen(teacher, '/api/events/all');
    await Promise.all([anaEvents.until('hello'), benEvents.until('hello'), everyone.until('hello')]);

    // Ana checks a step in her browser (the real Docker check).
    const run = await as(ana, '/api/checks/run', { method: 'POST', body: JSON.stringify({ step: 'setup/docker', lang: 'en' }) });
    expect(run.status).toBe(200);
    const { attempt } = (await run.json()) as { attempt: { id: number; status: string } };
    await anaEvents.until('progress');
    expect(anaEvents.of('progress')[0]).toMatchObject({ statuses: { 'setup/docker': attempt.status }, attempts: [{ id: attempt.id, step: 'setup/docker' }] });

    // Ben's check lands from another process (his CLI writes the same file).
    const cli = openProgressStore(app.dataDir);
    cli.forLearner('ben').record({ step: 'setup/aws-identity', result: { status: 'fail', summary: { key: 'check.error.no-credentials.summary' }, items: [], resources: [] }, snapshot: {}, source: 'cli', durationMs: 3 });
    cli.close();
    await benEvents.until('progress');
    expect(benEvents.of('progress')).toEqual([{ statuses: { 'setup/aws-identity': 'fail' }, attempts: [expect.objectContaining({ step: 'setup/aws-identity', status: 'fail', source: 'cli' })] }]);

    await everyone.until('progress', 2);
    await settle();
    // Neither heard the other; the instructor heard both, each frame naming its learner.
    expect(anaEvents.of('progress')).toHaveLength(1);
    expect(JSON.stringify(anaEvents.frames())).not.toContain('aws-identity');
    expect(benEvents.of('progress')).toHaveLength(1);
    expect(JSON.stringify(benEvents.frames())).not.toContain('setup/docker');
    expect(everyone.of('progress').map((frame) => frame.learner)).toEqual(['ana', 'ben']);

    // Their progress, read back, and what their pages render.
    const progress = async (cookie: string) => ((await (await as(cookie, '/api/progress?lang=en')).json()) as { statuses: Record<string, string> }).statuses;
    expect(await progress(ana)).toEqual({ 'setup/docker': attempt.status });
    expect(await progress(ben)).toEqual({ 'setup/aws-identity': 'fail' });
    const locals = (cookie: string) => app.workbook.localsFor({ headers: { cookie } } as IncomingMessage);
    expect(locals(ana).stepStatuses()).toEqual({ 'setup/docker': attempt.status });
    expect(locals(ben).stepStatuses()).toEqual({ 'setup/aws-identity': 'fail' });
    const exported = (await (await as(ben, '/api/progress/export')).json()) as { attempts: { learner: string }[] };
    expect(exported.attempts.map((a) => a.learner)).toEqual(['ben']);

    // A reset body that is not a step id is refused, and forgets nothing (it once reset everything).
    for (const step of [['setup/docker'], 42, '']) {
      expect((await as(ana, '/api/progress/reset', { method: 'POST', body: JSON.stringify({ step }) })).status, JSON.stringify(step)).toBeGreaterThanOrEqual(400);
    }
    expect(await progress(ana)).toEqual({ 'setup/docker': attempt.status });

    // A reset is Ben's alone.
    expect((await as(ben, '/api/progress/reset', { method: 'POST', body: '{}' })).status).toBe(200);
    await benEvents.until('progress', 2);
    expect(await progress(ana)).toEqual({ 'setup/docker': attempt.status });
    expect(await progress(ben)).toEqual({});
  });

  it('keeps each learner’s settings to that learner, and tells only that learner’s tabs', async () => {
    const anaEvents = await listen(ana);
    const benEvents = await listen(ben);
    await Promise.all([anaEvents.until('hello'), benEvents.until('hello')]);
    const saved = await as(ana, '/api/settings', { method: 'PUT', body: JSON.stringify({ prefix: 'ana', region: 'eu-west-1' }) });
    expect(saved.status).toBe(200);
    await anaEvents.until('settings');
    await settle();
    expect(benEvents.of('settings')).toEqual([]);
    const view = async (cookie: string) => (await (await as(cookie, '/api/settings')).json()) as { settings: Record<string, unknown>; variables: Record<string, string> };
    expect((await view(ana)).settings).toEqual({ prefix: 'ana', region: 'eu-west-1' });
    expect((await view(ana)).variables.cluster).toBe('ana-ecs-handson-cluster');
    expect((await view(ben)).settings).toEqual({});
    expect((await view(ben)).variables.cluster).toBe('ecs-handson-cluster');
    const locals = (cookie: string) => app.workbook.localsFor({ headers: { cookie } } as IncomingMessage);
    expect(locals(ana).variables().cluster).toBe('ana-ecs-handson-cluster');
    expect(locals(ben).variables().cluster).toBe('ecs-handson-cluster');
  });

  it('lets only an instructor follow every learner; a learner is told where their own stream is', async () => {
    for (const learner of [ana, ben]) {
      const refused = await as(learner, '/api/events/all');
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: string }).error).toBe('Only an instructor may follow every learner\'s progress; your own progress streams from /api/events.');
    }
    // An instructor has no progress of their own to read or write.
    const own = await as(teacher, '/api/progress?lang=en');
    expect(own.status).toBe(403);
    expect(((await own.json()) as { error: string }).error).toMatch(/instructor has no progress of their own; follow the learners at \/api\/events\/all/);
    // Nobody signed in: nothing at all, and pages show nobody's progress.
    const stranger = await as('who=nobody', '/api/events/all');
    expect(stranger.status).toBe(403);
    const page = app.workbook.localsFor({ headers: { cookie: 'who=nobody' } } as IncomingMessage);
    expect(page.signedIn).toBe(false);
    expect(page.stepStatuses()).toEqual({});
    expect(page.variables()).toEqual({});
  });
});

describe('two learners at the terminal of one server', () => {
  it('each gets a shell of their own, in their own workspace folder, and neither can attach to the other\'s', async () => {
    const open = async (cookie: string, extra: Record<string, unknown> = {}) => {
      const client = new TerminalClient(app.terminal, { cookie });
      await client.opened;
      client.hello(app.workbook.launchSecret, extra);
      return client;
    };
    for (const [cookie, name] of [[ana, 'ana'], [ben, 'ben']] as const) {
      expect((await as(cookie, '/api/settings', { method: 'PUT', body: JSON.stringify({ workspace: join(app.dataDir, `${name}-work`) }) })).status).toBe(200);
    }
    const anaShell = await open(ana);
    const benShell = await open(ben);
    anaShell.type('echo "pid=$$ dir=$PWD"\r');
    benShell.type('echo "pid=$$ dir=$PWD"\r');
    const said = (client: TerminalClient) => /pid=(\d+) dir=(\S+)/.exec(client.text);
    await waitUntil(() => !!said(anaShell) && !!said(benShell), 20_000, 'both shells answered');
    expect(said(anaShell)![2]).toBe(join(app.dataDir, 'ana-work'));
    expect(said(benShell)![2]).toBe(join(app.dataDir, 'ben-work'));
    expect(said(anaShell)![1]).not.toBe(said(benShell)![1]);

    // Ben names Ana's session: refused, and nothing of hers reaches him.
    const intruder = await open(ben, { session: 'ana' });
    expect((await intruder.closed).code).toBe(1008);
    expect(intruder.text).not.toContain('ana-work');
    for (const client of [anaShell, benShell]) client.ws.close();
  });
});
