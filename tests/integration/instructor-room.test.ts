/**
 * The instructor's room on a real workbook server (the room plugged in through `features`, one
 * SQLite file, real shells): only the instructor reads it, it shows what learners' Checks
 * recorded, the instructor watches a learner's terminal without typing into it, and take-control
 * lets keys through only while a grant the learner accepted lives.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamedText } from '../harness/principal-server.ts';
import { controlLogFile } from '../../src/instructor/control-grants.ts';
import { openProgressStore } from '../../src/progress/progress-store.ts';
import { freePort } from '../harness/moto.ts';
import { startRoomServer, type RoomServer } from '../harness/room-server.ts';
import { TerminalClient, waitUntil, type TestServer } from './terminal/terminal-harness.ts';

let room: RoomServer;
const data = mkdtempSync(join(tmpdir(), 'wb-room-'));
const savedEnv = { ...process.env };
const streams: AbortController[] = [];

beforeAll(async () => {
  // Nothing may leave loopback: the background identity lookups go to a dead local endpoint.
  Object.assign(process.env, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' });
  room = await startRoomServer({ port: await freePort(), dataDir: data, learners: ['ana', 'ben'] });
});
afterAll(async () => {
  for (const stream of streams) stream.abort();
  await room.close();
  process.env = savedEnv;
  rmSync(data, { recursive: true, force: true });
});

const as = (who: string | null, path: string, init: RequestInit = {}) =>
  fetch(`${room.base}${path}`, { ...init, headers: { ...(who && { cookie: `who=${who}` }), origin: room.base, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });

/** An open event stream: the frames received so far. */
async function listen(who: string, path: string) {
  const controller = new AbortController();
  streams.push(controller);
  const response = await as(who, path, { signal: controller.signal });
  expect(response.status, `${who} ${path}`).toBe(200);
  const received = streamedText(response);
  return {
    of: (event: string) =>
      received()
        .split('\n\n')
        .filter((block) => block.startsWith(`event: ${event}\n`))
        .map((block) => JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as Record<string, unknown>),
    close: () => controller.abort(),
  };
}

const instructorRoutes: [string, string, unknown?][] = [
  ['GET', '/api/instructor/room?lang=en'],
  ['GET', '/api/instructor/learners/ana?lang=en'],
  ['GET', '/api/instructor/events'],
  ['GET', '/api/events/all'],
  ['POST', '/api/instructor/control', { learner: 'ana', action: 'request' }],
  ['POST', '/api/instructor/control', { learner: 'ana', action: 'end' }],
];

describe('the instructor’s room', () => {
  it('answers every instructor route and stream with 403 to a learner and to no cookie', async () => {
    for (const [method, path, body] of instructorRoutes) {
      for (const learner of ['ana', 'ben']) {
        const response = await as(learner, path, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
        expect(response.status, `${learner} ${method} ${path}`).toBe(403);
        expect(response.headers.get('content-type')).toMatch(/json/);
      }
      const stranger = await as(null, path, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
      expect(stranger.status, `no cookie ${method} ${path}`).toBe(403);
    }
    // Nothing was asked of Ana by those refused requests.
    expect(room.grants.stateOf('ana').state).toBe('none');
    // The learner's side of take-control is the learner's only.
    expect((await as('teacher', '/api/control', { method: 'POST', body: JSON.stringify({ action: 'accept' }) })).status).toBe(403);
    expect((await as('teacher', '/api/control/events')).status).toBe(403);
    expect((await as(null, '/api/control/events')).status).toBe(401);
    // A foreign page cannot ask for control through the instructor's browser.
    const forged = await fetch(`${room.base}/api/instructor/control`, { method: 'POST', headers: { cookie: 'who=teacher', origin: 'http://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ learner: 'ana', action: 'request' }) });
    expect(forged.status).toBe(403);
  });

  it('shows each learner’s Checks as they are recorded, with the diagnosis and the latest items', async () => {
    const empty = (await (await as('teacher', '/api/instructor/room?lang=en')).json()) as { learners: { id: string; name: string }[]; steps: { id: string }[]; cells: Record<string, unknown> };
    expect(empty.learners.map((learner) => learner.name)).toEqual(['Ana Silva', 'Ben Okafor']);
    expect(empty.steps.length).toBeGreaterThanOrEqual(29);
    expect(empty.cells).toEqual({});

    // Ben's CLI records a could-not-check, then Ana's a failing Check, from another process.
    const cli = openProgressStore(data);
    cli.forLearner('ben').record({ step: 'setup/aws-identity', result: { status: 'error', summary: { key: 'check.error.no-credentials.summary' }, items: [{ id: 'read:sts', status: 'error', label: { key: 'check.error.no-credentials.label' }, hint: { key: 'check.error.no-credentials.hint', params: { profile: 'default' } } }], resources: [] }, snapshot: {}, source: 'cli', durationMs: 3 });
    cli.forLearner('ana').record({ step: 'setup/aws-identity', result: { status: 'fail', summary: { key: 'check.error.no-credentials.summary' }, items: [{ id: 'who', status: 'fail', label: { key: 'check.error.no-credentials.label' }, actual: 'root', hint: { key: 'check.error.no-credentials.hint', params: { profile: 'default' } }, fix: 'aws configure' }], resources: [] }, snapshot: {}, source: 'cli', durationMs: 3 });
    cli.close();

    const now = (await (await as('teacher', '/api/instructor/room?lang=ja')).json()) as { cells: Record<string, Record<string, { status: string; attempts: number }>>; diagnosis: { step: string; failing: number; couldNotCheck: number; sentence: string; topFailing?: { label: string; count: number; fix?: string } }[] };
    expect(now.cells.ana!['setup/aws-identity']).toMatchObject({ status: 'fail', attempts: 1 });
    expect(now.cells.ben!['setup/aws-identity']).toMatchObject({ status: 'error', attempts: 1 });
    const step = now.diagnosis.find((entry) => entry.step === 'setup/aws-identity')!;
    expect(step).toMatchObject({ failing: 1, couldNotCheck: 1, topFailing: { label: 'ワークブックが AWS の認証情報を使える', count: 1, fix: 'aws configure' } });
    expect(step.sentence).toMatch(/^2 人中 1 人が setup\/aws-identity をまだ完了していません。/);

    const ana = (await (await as('teacher', '/api/instructor/learners/ana?lang=en')).json()) as { name: string; steps: { id: string; status: string; result?: { items: { label: string; hint?: string }[] } }[] };
    expect(ana.name).toBe('Ana Silva');
    const identity = ana.steps.find((entry) => entry.id === 'setup/aws-identity')!;
    expect(identity.status).toBe('fail');
    expect(identity.result!.items[0]).toMatchObject({ label: 'AWS credentials are available to the workbook', hint: expect.stringMatching(/aws configure --profile default/) });
    expect((await as('teacher', '/api/instructor/learners/zed?lang=en')).status).toBe(404);
  });

  it('lets the instructor watch a learner’s shell, and type into it only while a grant the learner accepted lives', async () => {
    expect((await as('ana', '/api/settings', { method: 'PUT', body: JSON.stringify({ workspace: join(data, 'ana-work') }) })).status).toBe(200);
    const endpoint = { origin: room.base, url: `${room.base.replace('http', 'ws')}/terminal` } as TestServer;
    const open = async (who: string, extra: Record<string, unknown> = {}) => {
      const client = new TerminalClient(endpoint, { cookie: `who=${who}` });
      await client.opened;
      client.hello(room.workbook.launchSecret, extra);
      return client;
    };
    const anaShell = await open('ana');
    anaShell.type('echo "ready-$((6*7))"\r');
    await anaShell.waitFor('ready-42', 20_000);

    const watcher = await open('teacher', { session: 'ana' });
    await waitUntil(() => watcher.role === 'viewer', 5_000, 'the instructor watches as a viewer');
    await watcher.waitFor('ready-42');
    // Live: what Ana types next reaches the instructor's view.
    anaShell.type('echo "live-$((7*7))"\r');
    await watcher.waitFor('live-49');

    // The instructor types a command; then Ana types one of her own and we wait for its answer.
    // Had the instructor's keys reached the shell, their answer would have come first.
    let sentinel = 0;
    const typedByInstructor = async (marker: string) => {
      watcher.type(`echo "${marker}-$((3+4))"\r`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      sentinel += 1;
      anaShell.type(`echo "sentinel-${sentinel}-$((1+1))"\r`);
      await anaShell.waitFor(`sentinel-${sentinel}-2`, 30_000);
      return anaShell.text.includes(`${marker}-7`);
    };
    expect(await typedByInstructor('nogrant')).toBe(false);

    // Asking needs a page of Ana's open: nobody else could accept.
    expect((await as('teacher', '/api/instructor/control', { method: 'POST', body: JSON.stringify({ learner: 'ana', action: 'request' }) })).status).toBe(409);
    const anaPage = await listen('ana', '/api/control/events');
    const teacherEvents = await listen('teacher', '/api/instructor/events');
    await waitUntil(() => anaPage.of('control').length === 1, 5_000, 'Ana’s page hears the state');
    expect((await as('teacher', '/api/instructor/control', { method: 'POST', body: JSON.stringify({ learner: 'ana', action: 'request' }) })).status).toBe(200);
    await waitUntil(() => anaPage.of('control').at(-1)?.state === 'requested', 5_000, 'Ana is asked');
    // Asked but not accepted: still no effect. Ben cannot answer for Ana.
    expect(await typedByInstructor('asked')).toBe(false);
    expect((await as('ben', '/api/control', { method: 'POST', body: JSON.stringify({ action: 'accept' }) })).status).toBe(409);
    expect(await typedByInstructor('benaccepted')).toBe(false);

    expect((await as('ana', '/api/control', { method: 'POST', body: JSON.stringify({ action: 'accept' }) })).status).toBe(200);
    await waitUntil(() => anaPage.of('control').at(-1)?.state === 'active', 5_000, 'Ana sees the banner state');
    await waitUntil(() => teacherEvents.of('control').some((frame) => frame.learner === 'ana' && frame.state === 'active'), 5_000, 'the instructor hears it');
    expect(await typedByInstructor('granted')).toBe(true);

    // Ana ends it: the next key has no effect.
    expect((await as('ana', '/api/control', { method: 'POST', body: JSON.stringify({ action: 'end' }) })).status).toBe(200);
    expect(await typedByInstructor('ended')).toBe(false);

    // Granted again, then Ana closes her page: a grant with nobody to see its banner ends.
    const again = await as('teacher', '/api/instructor/control', { method: 'POST', body: JSON.stringify({ learner: 'ana', action: 'request' }) });
    expect(again.status, await again.clone().text()).toBe(200);
    expect((await as('ana', '/api/control', { method: 'POST', body: JSON.stringify({ action: 'accept' }) })).status).toBe(200);
    expect(await typedByInstructor('again')).toBe(true);
    anaPage.close();
    await waitUntil(() => room.grants.stateOf('ana').state === 'none', 5_000, 'the grant ends with the page');
    expect(await typedByInstructor('left')).toBe(false);

    // On record, in order.
    const log = readFileSync(join(data, controlLogFile), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { event: string; learner: string; instructor?: string });
    expect(log.map((entry) => entry.event)).toEqual(['requested', 'accepted', 'ended-by-learner', 'requested', 'accepted', 'learner-left']);
    expect(log.every((entry) => entry.learner === 'ana' && entry.instructor === 'teacher')).toBe(true);
    teacherEvents.close();
    for (const client of [anaShell, watcher]) client.close();
  });
});
