/**
 * /api/resources and the live events against the real server and a real progress file: each
 * learner reads only their own resources and cost; a Check recorded by another process (the CLI)
 * reaches an open tab with the resources in its progress frame; the instructor's stream names the
 * learner; and the workshop's class total reads every learner's set from the same file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classCost } from '../../src/cost/class-cost.ts';
import { openProgressStore } from '../../src/progress/progress-store.ts';
import { found } from '../../src/resources/found.ts';
import type { ResourcesView } from '../../src/server/resources-view.ts';
import { createWorkbook, type Workbook } from '../../src/server/workbook.ts';
import type { Principal } from '../../src/shared/principal.ts';
import { freePort } from '../harness/moto.ts';

const people: Record<string, Principal> = {
  'who=ana': { kind: 'learner', id: 'ana' },
  'who=ben': { kind: 'learner', id: 'ben' },
  'who=teacher': { kind: 'instructor', id: 'teacher' },
};
const region = 'ap-northeast-1';
let server: Server;
let workbook: Workbook;
let base: string;
const data = mkdtempSync(join(tmpdir(), 'wb-resources-api-'));
const savedEnv = { ...process.env };
const streams: AbortController[] = [];

beforeAll(async () => {
  Object.assign(process.env, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' });
  const port = await freePort();
  workbook = createWorkbook({ host: '127.0.0.1', port, dataDir: data, resolvePrincipal: (req) => people[req.headers.cookie ?? ''] });
  server = createServer((req, res) => void workbook.handleRequest(req, res, () => { res.writeHead(404); res.end(); }));
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
});

const as = (cookie: string, path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { ...init, headers: { cookie, origin: base, ...(init.headers as Record<string, string>) } });

async function listen(cookie: string, path: string) {
  const controller = new AbortController();
  streams.push(controller);
  const response = await as(cookie, path, { signal: controller.signal });
  expect(response.status).toBe(200);
  let text = '';
  void (async () => {
    const reader = response.body!.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    } catch {
      // aborted at the end
    }
  })();
  return async (event: string) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const frames = text.split('\n\n').filter((block) => block.includes(`event: ${event}\n`)).map((block) => JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as Record<string, unknown>);
      if (frames.length) return frames;
      if (Date.now() > deadline) throw new Error(`no ${event} frame: ${text}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
}

describe('/api/resources and the live events', () => {
  it('refuses a request that is not signed in, and an instructor, who has no resources of their own', async () => {
    expect((await fetch(`${base}/api/resources`)).status).toBe(401);
    expect((await as('who=teacher', '/api/resources')).status).toBe(403);
  });

  it('gives each learner their own resources and cost, live from a CLI write, and the class total to the room', async () => {
    const anaFrames = await listen('who=ana', '/api/events');
    const roomFrames = await listen('who=teacher', '/api/events/all');
    // Another process writes, as `ecs-workbook check` does.
    const cli = openProgressStore(data);
    cli.forLearner('ana').record({
      step: 'service/load-balancer',
      result: { status: 'pass', summary: { key: 'x' }, items: [], resources: found('load-balancer', region, 'arn:aws:elasticloadbalancing:ap-northeast-1:1:loadbalancer/app/ana/1', { name: 'ana-alb', state: 'active' }) },
      snapshot: {}, source: 'cli', durationMs: 1,
    });
    cli.forLearner('ben').record({
      step: 'network/vpc',
      result: { status: 'pass', summary: { key: 'x' }, items: [], resources: found('vpc', region, 'vpc-ben', { name: 'ben-vpc' }) },
      snapshot: {}, source: 'cli', durationMs: 1,
    });

    const [frame] = await anaFrames('progress');
    const live = frame!.resources as ResourcesView;
    expect(live.resources.map((r) => r.name)).toEqual(['ana-alb']);
    expect(live.cost.usdPerHour).toBe(0.0323);
    const room = await roomFrames('progress');
    expect(room.find((entry) => entry.learner === 'ana')?.resources).toBeDefined();

    const ana = (await (await as('who=ana', '/api/resources')).json()) as ResourcesView;
    expect(ana.resources.map((r) => r.name)).toEqual(['ana-alb']);
    expect(ana.cost.lines[0]).toMatchObject({ type: 'load-balancer', usdPerHour: 0.0323, priced: true });
    expect(ana.prices.source).toContain('aws.amazon.com');
    const ben = (await (await as('who=ben', '/api/resources')).json()) as ResourcesView;
    expect(ben.resources.map((r) => r.name)).toEqual(['ben-vpc']);
    expect(ben.cost.usdPerHour).toBe(0);

    const total = classCost(cli.allResources(), new Date());
    expect(total.usdPerHour).toBe(0.0323);
    expect(total.stillRunning.map((entry) => entry.learner)).toEqual(['ana']);
    cli.close();
  });
});
