/**
 * The room tools on the real workbook server: two learners and an instructor (cookies mapped to
 * principals, as a workshop sign-in does), one SQLite file, the real terminal (a local shell on a
 * pty, where `ecs-workbook hand` is the project's own CLI). Raised hands (button and terminal),
 * broadcasts, time, export, reset's confirmation, and 403 on every instructor route.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamedText } from '../harness/principal-server.ts';
import { courseChecks } from '../../checks/index.ts';
import { openProgressStore } from '../../src/progress/progress-store.ts';
import { createRoomTools, type RoomTools } from '../../src/server/room/room-feature.ts';
import { workshopScope } from '../../src/server/room/room-store.ts';
import { createWorkbook, type Workbook } from '../../src/server/workbook.ts';
import type { Principal } from '../../src/shared/principal.ts';
import { freePort } from '../harness/moto.ts';
import { TerminalClient, type TestServer } from './terminal/terminal-harness.ts';

const people: Record<string, Principal> = {
  'who=ana': { kind: 'learner', id: 'ana' },
  'who=ben': { kind: 'learner', id: 'ben' },
  'who=teacher': { kind: 'instructor', id: 'teacher' },
};
const ana = 'who=ana';
const ben = 'who=ben';
const teacher = 'who=teacher';
const names: Record<string, string> = { ana: 'Ana, "the =first"', ben: 'Ben' };

let server: Server;
let workbook: Workbook;
let room: RoomTools;
let base: string;
const data = mkdtempSync(join(tmpdir(), 'wb-room-'));
const home = mkdtempSync(join(tmpdir(), 'wb-room-home-'));
const savedEnv = { ...process.env };
const streams: AbortController[] = [];

beforeAll(async () => {
  Object.assign(process.env, { HOME: home, SHELL: '/bin/bash', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' });
  const port = await freePort();
  workbook = createWorkbook({
    host: '127.0.0.1',
    port,
    dataDir: data,
    resolvePrincipal: (req) => people[req.headers.cookie ?? ''],
    features: (parts) => [(room = createRoomTools(parts, { checks: courseChecks, nameOf: (id) => names[id], learners: () => ['ana', 'ben'] }))],
  });
  server = createServer((req, res) => void workbook.handleRequest(req, res, () => { res.writeHead(404); res.end(); }));
  server.on('upgrade', (req, socket, head) => {
    if (!workbook.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  for (const stream of streams) stream.abort();
  await workbook.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  process.env = savedEnv;
  rmSync(data, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

const as = (cookie: string | undefined, path: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { ...(cookie && { cookie }), origin: base, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
const post = (cookie: string | undefined, path: string, body: unknown) => as(cookie, path, { method: 'POST', body: JSON.stringify(body) });
const read = async <T = Record<string, unknown>>(response: Response) => (await response.json()) as T;

/** An open event stream: the last frame of an event, parsed. */
async function listen(cookie: string, path: string) {
  const controller = new AbortController();
  streams.push(controller);
  const response = await as(cookie, path, { signal: controller.signal });
  expect(response.status).toBe(200);
  const received = streamedText(response);
  const frames = (event: string) =>
    received()
      .split('\n\n')
      .filter((block) => block.startsWith(`event: ${event}\n`))
      .map((block) => JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as Record<string, any>);
  return {
    last: (event: string) => frames(event).at(-1),
    async until(event: string, test: (data: Record<string, any>) => boolean) {
      const deadline = Date.now() + 5000;
      while (!frames(event).some(test)) {
        if (Date.now() > deadline) throw new Error(`no matching ${event} on ${path}; got: ${received()}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}

/** A failing Check recorded for a learner, as the check service records one. */
function recordFailure(learner: string, step: string) {
  const store = openProgressStore(data);
  store.forLearner(learner).record({
    step,
    result: { status: 'fail', summary: { key: 'check.error.no-credentials.summary' }, items: [{ id: 'x', status: 'fail', label: { key: 'check.error.no-credentials.summary' } }], resources: [] },
    snapshot: {},
    source: 'cli',
    durationMs: 3,
  });
  store.close();
}

describe('the room tools', () => {
  it('answers 403 on every instructor route to a learner and to no sign-in, and lets the instructor in', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/instructor/hands'],
      ['GET', '/api/instructor/room-events'],
      ['POST', '/api/instructor/hands/status', { id: 1, status: 'resolved' }],
      ['GET', '/api/instructor/broadcasts'],
      ['POST', '/api/instructor/broadcasts', { text: 'hi' }],
      ['POST', '/api/instructor/broadcasts/withdraw', { id: 1 }],
      ['POST', '/api/instructor/reset', { learner: 'ben', confirm: 'ben' }],
      ['GET', '/api/instructor/time'],
      ['POST', '/api/instructor/time', { minutes: 10 }],
      ['GET', '/api/instructor/export?format=csv'],
      ['GET', '/api/instructor/preflight?learners=2'],
      ['GET', '/api/instructor/cost'],
      ['GET', '/api/instructor/unknown'],
    ];
    for (const [method, path, body] of routes) {
      for (const who of [ana, ben, undefined, 'who=nobody']) {
        const response = await as(who, path, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
        expect(response.status, `${who ?? 'no cookie'} ${method} ${path}`).toBe(403);
        expect((await read<{ error: string }>(response)).error).toMatch(/only for the instructor/);
      }
    }
    // Nothing was changed by the refused requests.
    expect(room.store.broadcasts()).toEqual([]);
    expect((await as(teacher, '/api/instructor/hands')).status).toBe(200);
    // Only the instructor learns that a path under the prefix does not exist.
    expect((await as(teacher, '/api/instructor/unknown')).status).toBe(404);
    // The instructor has no hand of their own.
    expect((await post(teacher, '/api/room/hand', {})).status).toBe(403);
  });

  it('queues raised hands with the failing Check and the screen; the learner sees their place and the status live', async () => {
    recordFailure('ana', 'setup/aws-identity');
    const queue = await listen(teacher, '/api/instructor/room-events');
    const anaRoom = await listen(ana, '/api/room/events');
    const benRoom = await listen(ben, '/api/room/events');
    await anaRoom.until('room', (view) => view.hand === null);

    // Ana raises her hand in her terminal: the real CLI, through the real pty.
    const endpoint = { origin: base, url: `${base.replace('http', 'ws')}/terminal` } as TestServer;
    const shell = new TerminalClient(endpoint, { cookie: ana });
    await shell.opened;
    shell.hello(workbook.launchSecret);
    shell.type('echo "marker-on-screen"; ecs-workbook hand\r');
    await shell.waitFor('Hand raised', 20_000);
    await queue.until('hands', (view) => view.hands.length === 1);
    const [hand] = queue.last('hands')!.hands;
    expect(hand).toMatchObject({ learner: 'ana', name: names.ana, status: 'waiting', source: 'terminal', step: 'setup/aws-identity', check: { step: 'setup/aws-identity', result: { status: 'fail' } } });
    expect(hand.screen).toContain('marker-on-screen');
    await anaRoom.until('room', (view) => view.hand?.status === 'waiting' && view.hand.place === 1);

    // A second signal (or press) queues nobody twice.
    shell.type('ecs-workbook hand\r');
    expect((await read<{ hand: { place: number } }>(await post(ana, '/api/room/hand', {}))).hand.place).toBe(1);
    expect(room.store.queue()).toHaveLength(1);

    // Ben presses the button: second in the queue, without a failing Check.
    const benView = await read<{ hand: { place: number; ahead: number } }>(await post(ben, '/api/room/hand', {}));
    expect(benView.hand).toMatchObject({ place: 2, ahead: 1 });
    await queue.until('hands', (view) => view.hands.length === 2);
    expect(queue.last('hands')!.hands[1]).toMatchObject({ learner: 'ben', source: 'button', check: null });

    // The instructor is on the way to Ana, then resolves it: Ana sees both, Ben moves up.
    const anaHand = room.store.queue()[0]!.id;
    expect((await post(teacher, '/api/instructor/hands/status', { id: anaHand, status: 'on-the-way' })).status).toBe(200);
    await anaRoom.until('room', (view) => view.hand?.status === 'on-the-way');
    expect((await post(teacher, '/api/instructor/hands/status', { id: anaHand, status: 'resolved' })).status).toBe(200);
    await anaRoom.until('room', (view) => view.hand?.status === 'resolved');
    await benRoom.until('room', (view) => view.hand?.place === 1);
    // A resolved hand cannot be resolved again; bad input says what to send.
    expect((await post(teacher, '/api/instructor/hands/status', { id: anaHand, status: 'resolved' })).status).toBe(409);
    const bad = await post(teacher, '/api/instructor/hands/status', { id: anaHand, status: 'done' });
    expect(bad.status).toBe(400);
    expect((await read<{ error: string }>(bad)).error).toMatch(/"on-the-way" or "resolved"/);
    // Ben lowers his own hand.
    expect((await read<{ hand: unknown }>(await post(ben, '/api/room/hand/lower', {}))).hand).toBeNull();
    await queue.until('hands', (view) => view.hands.length === 0);
    shell.ws.close();
  }, 40_000);

  it('shows a broadcast to every learner, to one who joins later too, until each dismisses it', async () => {
    const anaRoom = await listen(ana, '/api/room/events');
    const tooLong = await post(teacher, '/api/instructor/broadcasts', { text: 'x'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect((await read<{ error: string }>(tooLong)).error).toMatch(/at most 500 characters/);
    expect((await post(teacher, '/api/instructor/broadcasts', { text: '  ' })).status).toBe(400);
    const sent = await read<{ broadcast: { id: number } }>(await post(teacher, '/api/instructor/broadcasts', { text: 'Break until 11:00' }));
    await anaRoom.until('room', (view) => view.broadcasts.some((message: { text: string }) => message.text === 'Break until 11:00'));
    // Ben opens his page only now: it is there.
    expect((await read<{ broadcasts: { text: string }[] }>(await as(ben, '/api/room'))).broadcasts.map((message) => message.text)).toEqual(['Break until 11:00']);
    // Ana dismisses it; Ben still has it.
    expect((await post(ana, '/api/room/broadcasts/dismiss', { id: sent.broadcast.id })).status).toBe(200);
    expect((await read<{ broadcasts: unknown[] }>(await as(ana, '/api/room'))).broadcasts).toEqual([]);
    expect((await read<{ broadcasts: unknown[] }>(await as(ben, '/api/room'))).broadcasts).toHaveLength(1);
    // Withdrawn, it leaves every page.
    expect((await post(teacher, '/api/instructor/broadcasts/withdraw', { id: sent.broadcast.id })).status).toBe(200);
    expect((await read<{ broadcasts: unknown[] }>(await as(ben, '/api/room'))).broadcasts).toEqual([]);
  });

  it('extends the workshop’s time or one learner’s, from the stored deadline', async () => {
    const none = await post(teacher, '/api/instructor/time', { minutes: 15 });
    expect(none.status).toBe(409);
    expect((await read<{ error: string }>(none)).error).toMatch(/--time-limit/);
    const ends = new Date(Date.now() + 60 * 60_000);
    room.store.setDeadline(workshopScope, ends.toISOString());
    const workshop = await read<{ workshop: string }>(await post(teacher, '/api/instructor/time', { minutes: 15 }));
    expect(Date.parse(workshop.workshop) - ends.getTime()).toBe(15 * 60_000);
    const one = await read<{ workshop: string; learners: Record<string, string> }>(await post(teacher, '/api/instructor/time', { minutes: 30, learner: 'ben' }));
    expect(Date.parse(one.learners.ben!) - Date.parse(workshop.workshop)).toBe(30 * 60_000);
    expect(one.learners.ana).toBeUndefined();
    expect((await read<{ deadline: string }>(await as(ben, '/api/room'))).deadline).toBe(one.learners.ben);
    expect((await read<{ deadline: string }>(await as(ana, '/api/room'))).deadline).toBe(workshop.workshop);
    // The workshop extended past Ben's own end: Ben's time ends with the workshop's, the later one.
    const later = await read<{ workshop: string }>(await post(teacher, '/api/instructor/time', { minutes: 60 }));
    expect(Date.parse(later.workshop)).toBeGreaterThan(Date.parse(one.learners.ben!));
    expect((await read<{ deadline: string }>(await as(ben, '/api/room'))).deadline).toBe(later.workshop);
    for (const minutes of [0, -5, 1.5, '10', 100_000]) expect((await post(teacher, '/api/instructor/time', { minutes })).status, String(minutes)).toBe(400);
    // A learner who is not in this workshop gets no deadline, and the answer says so.
    const stranger = await post(teacher, '/api/instructor/time', { minutes: 30, learner: 'carla' });
    expect(stranger.status).toBe(404);
    expect((await read<{ error: string }>(stranger)).error).toBe('No learner "carla" in this workshop. Pick a learner from the room\'s list (GET /api/instructor/time lists them).');
    expect((await read<{ learners: Record<string, string> }>(await as(teacher, '/api/instructor/time'))).learners.carla).toBeUndefined();
  });

  it('resets a sandbox only after the confirmation, and says when there is none to reset', async () => {
    const unconfirmed = await post(teacher, '/api/instructor/reset', { learner: 'ben' });
    expect(unconfirmed.status).toBe(428);
    expect((await read<{ error: string }>(unconfirmed)).error).toMatch(/Confirm it/);
    expect((await post(teacher, '/api/instructor/reset', { learner: 'ben', confirm: 'ana' })).status).toBe(428);
    const solo = await post(teacher, '/api/instructor/reset', { learner: 'ben', confirm: 'ben' });
    expect(solo.status).toBe(409);
    expect((await read<{ error: string }>(solo)).error).toMatch(/solo mode/);
    // Nobody's sandbox is reset for a mistyped id, even confirmed.
    const stranger = await post(teacher, '/api/instructor/reset', { learner: 'carla', confirm: 'carla' });
    expect(stranger.status).toBe(404);
    expect((await read<{ error: string }>(stranger)).error).toMatch(/^No learner "carla" in this workshop\. Pick a learner/);
  });

  it('adds up the class\'s AWS cost and names who still has billable resources running', async () => {
    const region = 'ap-northeast-1';
    const store = openProgressStore(data);
    // Ben's Check found a load balancer running: billable until he cleans up.
    store.forLearner('ben').record({
      step: 'service/load-balancer',
      result: { status: 'pass', summary: { key: 'check.error.no-credentials.summary' }, items: [], resources: [{ type: 'load-balancer', region, id: `arn:aws:elasticloadbalancing:${region}:123456789012:loadbalancer/app/alb/1`, presence: 'healthy', state: 'active' }] },
      snapshot: {},
      source: 'cli',
      durationMs: 3,
    });
    store.close();
    const cost = await read<{ usdPerHour: number; stillRunning: { learner: string; name: string; usdPerHour: number }[] }>(await as(teacher, '/api/instructor/cost'));
    // One ALB in Tokyo: US$0.0243 per hour plus one LCU-hour at US$0.008.
    expect(cost.usdPerHour).toBe(0.0323);
    expect(cost.stillRunning).toEqual([expect.objectContaining({ learner: 'ben', name: names.ben, usdPerHour: 0.0323 })]);
  });

  it('exports learners × steps as CSV and JSON, both learners with a row per step', async () => {
    recordFailure('ben', 'setup/docker');
    const store = openProgressStore(data);
    store.forLearner('ben').record({ step: 'setup/docker', result: { status: 'pass', summary: { key: 'x' }, items: [], resources: [] }, snapshot: {}, source: 'browser', durationMs: 2, at: '2026-01-01T10:00:00.000Z' });
    store.close();
    const csv = await as(teacher, '/api/instructor/export?format=csv');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="workshop-progress.csv"');
    const lines = (await csv.text()).trim().split('\r\n');
    const steps = courseChecks.registry.stepIds();
    expect(lines[0]).toBe('learner,name,step,status,firstPassAt,attempts');
    expect(lines).toHaveLength(1 + 2 * steps.length);
    expect(lines).toContain('ben,Ben,setup/docker,pass,2026-01-01T10:00:00.000Z,2');
    // A name with a comma, quotes and a leading = is quoted and cannot run as a formula.
    expect(lines).toContain('ana,"Ana, ""the =first""",setup/aws-identity,fail,,1');
    const json = await read<{ rows: { learner: string; step: string; status: string }[] }>(await as(teacher, '/api/instructor/export?format=json'));
    expect(new Set(json.rows.map((row) => row.learner))).toEqual(new Set(['ana', 'ben']));
    expect(json.rows.find((row) => row.learner === 'ana' && row.step === 'setup/docker')?.status).toBe('not-started');
    expect((await as(teacher, '/api/instructor/export?format=xml')).status).toBe(400);
  });

  it('runs the pre-flight for the room’s panel in the instructor’s language, and refuses a bad count', async () => {
    const report = await read<{ learners: number; summary: string; findings: { id: string; status: string; title: string }[] }>(await as(teacher, '/api/instructor/preflight?learners=2&lang=ja'));
    expect(report.learners).toBe(2);
    expect(report.summary).toMatch(/^受講者 2 人の事前チェック/);
    expect(report.findings.find((finding) => finding.id === 'docker-engine')).toMatchObject({ status: 'ok', title: 'Docker エンジン' });
    expect(report.findings.find((finding) => finding.id === 'aws-quotas')?.status).toBe('skipped');
    expect((await as(teacher, '/api/instructor/preflight?learners=0')).status).toBe(400);
  });
});
