/**
 * /api/resources and the live events against the real server and a real progress file: each
 * learner reads only their own resources and cost; a Check recorded by another process (the CLI)
 * reaches an open tab with the resources in its progress frame; the instructor's stream names the
 * learner; and the workshop's class total reads every learner's set from the same file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classCost } from '../../src/cost/class-cost.ts';
import { openProgressStore } from '../../src/progress/progress-store.ts';
import { found } from '../../src/resources/found.ts';
import type { ResourcesView } from '../../src/server/resources-view.ts';
import { startPrincipalServer, type PrincipalServer } from '../harness/principal-server.ts';

const region = 'ap-northeast-1';
let app: PrincipalServer;

beforeAll(async () => {
  app = await startPrincipalServer();
});
afterAll(async () => {
  await app?.close();
});

const as: PrincipalServer['as'] = (...request) => app.as(...request);

describe('/api/resources and the live events', () => {
  it('refuses a request that is not signed in, and an instructor, who has no resources of their own', async () => {
    expect((await fetch(`${app.base}/api/resources`)).status).toBe(401);
    expect((await as('who=teacher', '/api/resources')).status).toBe(403);
  });

  it('gives each learner their own resources and cost, live from a CLI write, and the class total to the room', async () => {
    const anaEvents = await app.listen('who=ana', '/api/events');
    const roomEvents = await app.listen('who=teacher', '/api/events/all');
    // Another process writes, as `ecs-workbook check` does.
    const cli = openProgressStore(app.dataDir);
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

    await anaEvents.until('progress');
    const [frame] = anaEvents.of('progress');
    const live = frame!.resources as ResourcesView;
    expect(live.resources.map((r) => r.name)).toEqual(['ana-alb']);
    expect(live.cost.usdPerHour).toBe(0.0323);
    await roomEvents.until('progress');
    const room = roomEvents.of('progress');
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
