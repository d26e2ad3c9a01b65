/**
 * `ecs-workbook resources` against moto: a VPC and an internet-facing ALB made with the AWS CLI,
 * found by the Checks (`ecs-workbook check`), are listed with their cost per hour; the load
 * balancer's is positive. Then the cleanup check finds them gone and the total is zero.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testVariables } from '../../src/settings/learner-variables.ts';
import type { ResourcesView } from '../../src/server/resources-view.ts';
import { awsCliEnv, buildAlbWithAwsCli } from '../harness/alb-with-aws-cli.ts';
import { startMoto, type Moto } from '../harness/moto.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const vars = testVariables();
let moto: Moto;
let data: string;
let home: string;

async function workbook(args: string[]) {
  try {
    const { stdout, stderr } = await run(node, ['bin/ecs-workbook.mjs', ...args, '--data-dir', data], { cwd: root, env: { PATH: process.env.PATH ?? '', LANG: 'C', HOME: home, ...moto.env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  moto = await startMoto({ region: vars.region });
  data = mkdtempSync(join(tmpdir(), 'wb-resources-data-'));
  home = mkdtempSync(join(tmpdir(), 'wb-resources-home-'));
}, 60_000);
afterAll(async () => {
  await moto?.stop();
  for (const dir of [data, home]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('ecs-workbook resources', () => {
  it('says there is nothing yet, and what to run, before any Check', async () => {
    const { code, stdout } = await workbook(['resources']);
    expect(code).toBe(0);
    expect(stdout).toContain('No resources found yet. Run the Checks first (ecs-workbook check --all)');
  }, 60_000);

  it('lists the load balancer the AWS CLI made, with a positive hourly cost, once a Check has found it', async () => {
    const { loadBalancerArn, vpcId } = await buildAlbWithAwsCli(moto.endpoint, moto.env, vars);
    await workbook(['check', 'network/vpc', 'service/load-balancer']);

    const { code, stdout } = await workbook(['resources', '--json']);
    expect(code).toBe(0);
    const view = JSON.parse(stdout) as ResourcesView;
    expect(view.resources.find((r) => r.type === 'vpc')).toMatchObject({ id: vpcId, name: vars.vpcName, presence: 'healthy' });
    expect(view.resources.find((r) => r.type === 'load-balancer')).toMatchObject({ id: loadBalancerArn, name: vars.loadBalancer, region: vars.region });
    const lbLine = view.cost.lines.find((line) => line.type === 'load-balancer');
    // ap-northeast-1: US$0.0243 per ALB-hour + one LCU-hour at US$0.008.
    expect(lbLine?.usdPerHour).toBe(0.0323);
    // Its two zones' public IPv4 addresses, US$0.005 each.
    expect(view.cost.lines.filter((line) => line.type === 'public-ipv4').map((line) => line.usdPerHour)).toEqual([0.005, 0.005]);
    expect(view.cost.usdPerHour).toBe(0.0423);
    expect(view.cost.runningSince).toBeDefined();
    expect(view.prices.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const text = await workbook(['resources']);
    expect(text.stdout).toContain('Load balancer');
    expect(text.stdout).toContain(vars.loadBalancer);
    expect(text.stdout).toContain('Cost: about US$0.0423 (≈ ¥6) per hour.');
    const ja = await workbook(['resources', '--lang', 'ja']);
    expect(ja.stdout).toContain('料金: 1 時間あたり約 US$0.0423（約6円）。');
  }, 180_000);

  it('reaches zero once the load balancer is deleted and the cleanup Check has looked', async () => {
    const before = JSON.parse((await workbook(['resources', '--json'])).stdout) as ResourcesView;
    const arn = before.resources.find((r) => r.type === 'load-balancer')!.id;
    await run('/usr/bin/aws', ['elbv2', 'delete-load-balancer', '--load-balancer-arn', arn, '--endpoint-url', moto.endpoint, '--region', vars.region], { env: awsCliEnv(moto.env) });
    await workbook(['check', 'cleanup/billable-gone']);
    const after = JSON.parse((await workbook(['resources', '--json'])).stdout) as ResourcesView;
    expect(after.cost.usdPerHour).toBe(0);
    expect(after.resources.find((r) => r.type === 'load-balancer')?.presence).toBe('missing');
    expect((await workbook(['resources'])).stdout).toContain('Cost: about US$0.00 (≈ ¥0) per hour.');
  }, 120_000);

  it('refuses an unknown option with the usage, exit 4', async () => {
    const { code, stderr } = await workbook(['resources', '--jsn']);
    expect(code).toBe(4);
    expect(stderr).toContain('Usage: ecs-workbook resources [--json]');
  });
});
