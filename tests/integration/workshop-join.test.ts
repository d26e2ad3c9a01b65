/**
 * The workshop server as learners and the instructor meet it, on the real Docker engine: learners
 * join with the event code and a name over HTTP, get a cookie and a rejoin link, and each one's
 * terminal is a shell in a sandbox of their own; a learner's cookie opens no one else's terminal;
 * the instructor's printed link signs in the instructor; wrong codes, empty names and a full
 * workshop are refused with what to do; starting sandboxes wait in line and the terminal says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkshop, type RunningWorkshop } from '../../src/workshop/start-workshop.ts';
import { firstBuildTimeoutMs, sandboxImage, testLimits } from '../harness/sandbox.ts';
import { TerminalClient, type TestServer } from './terminal/terminal-harness.ts';
import { CloseCode } from '../../src/shared/terminal-protocol.ts';

const port = 4412;
const base = `http://127.0.0.1:${port}`;
const data = mkdtempSync(join(tmpdir(), 'wb-workshop-join-'));
const savedEnv = { ...process.env };
let workshop: RunningWorkshop;

beforeAll(async () => {
  // Nothing may leave loopback: the background identity lookups go to a dead local endpoint.
  Object.assign(process.env, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' });
  delete process.env.ECS_WORKBOOK_SIGN_IN_TOKEN;
  workshop = await startWorkshop({
    learners: 2,
    warm: 0,
    timeLimitMs: 3600_000,
    host: '127.0.0.1',
    port,
    insecureHttp: false,
    dataDir: data,
    prefixes: true,
    image: await sandboxImage(),
    root: process.cwd(),
    limits: testLimits,
    // One start at a time: two learners opening their terminals together must wait in line.
    maxConcurrentStarts: 1,
    log: () => {},
  });
}, firstBuildTimeoutMs);

afterAll(async () => {
  await workshop?.close();
  await workshop?.provider.shutdown();
  process.env = savedEnv;
  rmSync(data, { recursive: true, force: true });
}, 120_000);

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { origin: base, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), redirect: 'manual' });

const get = (path: string, cookie?: string) => fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;

interface Joined {
  cookie: string;
  name: string;
  rejoinLink: string;
}

async function joinAs(name: string, lang = 'en'): Promise<Joined> {
  const response = await post('/workshop/join', { eventCode: workshop.eventCode.toLowerCase().replace('-', ' '), name, lang });
  const body = (await response.json()) as { name: string; rejoinLink: string; error?: string };
  expect(response.status, body.error).toBe(200);
  return { cookie: cookieOf(response), name: body.name, rejoinLink: body.rejoinLink };
}

/** The launch secret as a learner's browser gets it: inside the page, only with their cookie. */
async function pageSecret(cookie: string): Promise<string> {
  const html = await (await get('/en/before-you-start/', cookie)).text();
  const config = /data-terminal-config[^>]*>([^<]*)</.exec(html)?.[1];
  expect(config, 'the page has the terminal config').toBeTruthy();
  return (JSON.parse(config!) as { secret: string }).secret;
}

const endpoint = { origin: base, url: `ws://127.0.0.1:${port}/terminal` } as TestServer;

async function openTerminal(cookie: string | null, extra: Record<string, unknown> = {}, secret?: string) {
  // The page first, as a browser has it before its terminal connects (the hello has a deadline).
  const token = secret ?? (cookie ? await pageSecret(cookie) : 'none');
  const client = new TerminalClient(endpoint, { cookie });
  await client.opened;
  client.hello(token, extra);
  return client;
}

let ana: Joined;
let anaAgain: Joined;

describe('joining', () => {
  it('a wrong code, an empty name and an over-long name are refused with what to do, and nobody joins', async () => {
    const wrong = await post('/workshop/join', { eventCode: 'CCC-CCC', name: 'Ana', lang: 'en' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/not this workshop’s\. Check it against the code your instructor shows/);
    const empty = await post('/workshop/join', { eventCode: workshop.eventCode, name: '   ', lang: 'ja' });
    expect(((await empty.json()) as { error: string }).error).toContain('名前を入力してください');
    const long = await post('/workshop/join', { eventCode: workshop.eventCode, name: 'x'.repeat(41), lang: 'en' });
    expect(((await long.json()) as { error: string }).error).toBe('Your name has 41 characters; use at most 40.');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(workshop.roster.count()).toBe(0);
  });

  it('a join from a foreign page is refused (the Origin is what guards a request before sign-in)', async () => {
    const forged = await post('/workshop/join', { eventCode: workshop.eventCode, name: 'Mallory' }, { origin: 'http://evil.example' });
    expect(forged.status).toBe(403);
    expect(workshop.roster.count()).toBe(0);
  });

  it('a browser that is nobody is sent to the join page, in its language', async () => {
    expect((await get('/en/')).headers.get('location')).toBe('/join');
    expect((await get('/ja/docker-basics/')).headers.get('location')).toBe('/ja/join');
    const page = await get('/ja/join');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('イベントコード');
    expect(html).toContain('あなたの名前');
    expect(html).toMatch(/>\s*参加\s*</);
    const english = await (await get('/join')).text();
    expect(english).toMatch(/<label for="join-code"[^>]*>Event code<\/label>/);
    expect(english).toMatch(/<label for="join-name"[^>]*>Your name<\/label>/);
  });

  it('two learners with the same name join as two learners, each with their own prefix and rejoin link', async () => {
    ana = await joinAs('Sam');
    anaAgain = await joinAs('Sam');
    expect(ana.cookie).not.toBe(anaAgain.cookie);
    expect(ana.rejoinLink).toMatch(new RegExp(`^${base}/join#rejoin=[A-Za-z0-9_-]{43}$`));
    const me = async (cookie: string) => (await (await get('/api/workshop/me', cookie)).json()) as { kind: string; name: string; awsPrefix: string };
    const [a, b] = [await me(ana.cookie), await me(anaAgain.cookie)];
    expect(a).toMatchObject({ kind: 'learner', name: 'Sam' });
    expect(a.awsPrefix).toMatch(/^sam-[a-z0-9]{4}$/);
    expect(b.awsPrefix).not.toBe(a.awsPrefix);
    // The lessons' names carry the prefix: the page's commands show the learner's own names.
    const settings = (await (await get('/api/settings', ana.cookie)).json()) as Record<string, unknown>;
    expect(JSON.stringify(settings)).toContain(`${a.awsPrefix}-ecs-fargate-alb`);
  });

  it('a third learner is told the workshop is full, and that there is no waiting list', async () => {
    const full = await post('/workshop/join', { eventCode: workshop.eventCode, name: 'Late', lang: 'en' });
    expect(full.status).toBe(409);
    expect(((await full.json()) as { error: string }).error).toBe('This workshop is full: all 2 places are taken, and there is no waiting list, so you were not added. Tell your instructor; they can restart the workshop with more places.');
    expect(workshop.roster.count()).toBe(2);
  });

  it('the rejoin link signs another browser in as the same learner; a made-up one is refused', async () => {
    const token = ana.rejoinLink.split('#rejoin=')[1]!;
    const again = await post('/workshop/rejoin', { token, lang: 'en' });
    expect(again.status).toBe(200);
    const me = (await (await get('/api/workshop/me', cookieOf(again))).json()) as { name: string; rejoinLink: string };
    expect(me.rejoinLink).toBe(ana.rejoinLink);
    const forged = await post('/workshop/rejoin', { token: 'x'.repeat(43), lang: 'en' });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: string }).error).toMatch(/Join again with the event code/);
  });

  it('the instructor’s printed link signs in the instructor, who is no learner', async () => {
    const token = new URL(workshop.instructorUrl).hash.replace('#sign-in=', '');
    const signedIn = await post('/api/session', { token });
    expect(signedIn.status).toBe(200);
    const cookie = cookieOf(signedIn);
    expect(await (await get('/api/workshop/me', cookie)).json()).toEqual({ kind: 'instructor' });
    // A one-time link: a second browser with the same link is refused.
    expect((await post('/api/session', { token })).status).toBe(403);
  });
});

describe('each learner’s terminal is a shell in their own sandbox', () => {
  it('two learners opening their terminals together wait in line, are told so, and get shells in different sandboxes', async () => {
    const started = performance.now();
    const [a, b] = await Promise.all([openTerminal(ana.cookie), openTerminal(anaAgain.cookie)]);
    // One start at a time: whoever came second saw their place in line before their prompt.
    await Promise.all([a.waitFor(/\$ $/m, 90_000), b.waitFor(/\$ $/m, 90_000)]);
    const prompt = (performance.now() - started) / 1000;
    console.log(`join → prompt for two learners from cold, one start at a time: ${prompt.toFixed(1)} s`);
    expect(a.text + b.text).toMatch(/Starting your sandbox: 1 ahead of you…/);

    a.type('echo "host=$(hostname -I | tr \' \' ,) user=$(whoami)"; touch ~/work/ana-was-here; ls ~/work\r');
    b.type('echo "host=$(hostname -I | tr \' \' ,) user=$(whoami)"; ls ~/work; echo listed\r');
    // What the shells printed, not the echo of what was typed (which holds the same words).
    await a.waitFor(/host=(\S+) user=learner/, 15_000);
    await b.waitFor(/host=\S+ user=learner[\s\S]*^listed\r?$/m, 15_000);
    const hostOf = (client: TerminalClient) => /host=(\S+) user=learner/.exec(client.text)![1]!.split(',').filter(Boolean);
    // Each shell is in the sandbox the provider gave that learner: its own address on the workshop network.
    const ids = [ana, anaAgain].map((learner) => workshop.roster.byToken(learner.rejoinLink.split('#rejoin=')[1]!)!.id);
    // (The sandbox's own Docker engine adds its docker0 address beside it.)
    const [addressA, addressB] = [await workshop.provider.address(ids[0]!), await workshop.provider.address(ids[1]!)];
    expect(addressA).toBeTruthy();
    expect(addressA).not.toBe(addressB);
    expect(hostOf(a)).toContain(addressA);
    expect(hostOf(a)).not.toContain(addressB);
    expect(hostOf(b)).toContain(addressB);
    expect(hostOf(b)).not.toContain(addressA);
    await a.waitFor(/^ana-was-here\r?$/m, 15_000);
    expect(b.text).not.toContain('ana-was-here');
    a.close();
    b.close();
  }, 180_000);

  it('a learner’s cookie cannot open another learner’s terminal, and no cookie opens none', async () => {
    const other = workshop.roster.byToken(anaAgain.rejoinLink.split('#rejoin=')[1]!)!;
    const intruder = await openTerminal(ana.cookie, { session: other.id });
    const closed = await intruder.closed;
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(/not yours/);
    expect(intruder.text).toBe('');

    const anonymous = new TerminalClient(endpoint, { cookie: null });
    await expect(anonymous.opened).rejects.toThrow(/HTTP 401/);
  }, 60_000);

  it('the instructor gets no shell of their own (only learners\' shells to watch)', async () => {
    const token = workshop.workbook.signIn.freshToken();
    const cookie = cookieOf(await post('/api/session', { token }));
    const tab = await openTerminal(cookie, {}, workshop.workbook.launchSecret);
    const closed = await tab.closed;
    expect(closed.code).toBe(CloseCode.noSession);
    expect(tab.text).toBe('');
  }, 30_000);

  it('Docker objects are named by opaque ids, never by the display name', async () => {
    const names = (await workshop.provider.adopt()).map((status) => status.learner);
    expect(names).toHaveLength(2);
    for (const learner of names) expect(learner).toMatch(/^l[0-9a-f]{16}$/);
  }, 30_000);
});
