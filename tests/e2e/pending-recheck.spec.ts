/**
 * A really pending result re-checks by itself, with a visible countdown, up to its limit. The state
 * is real: moto, on the port the server's AWS_ENDPOINT_URL names (playwright.config.ts), leaves a
 * new service's rollout IN_PROGRESS for ever, which service/running judges "still settling". The
 * server runs with ECS_WORKBOOK_TEST_PENDING_DELAYS=3,3 (test-only): two looks, 3 s apart.
 */
import { EC2Client, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { ECSClient, CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { APIRequestContext } from '@playwright/test';
import { e2eMotoPort, e2eOrigin as origin } from '../../playwright.config.ts';
import { startMoto, type Moto } from '../harness/moto.ts';
import { expect, test } from './fixtures.ts';

let moto: Moto;

async function put(request: APIRequestContext, path: string, data: object, method: 'put' | 'post' = 'post') {
  const response = await request[method](path, { headers: { origin, 'content-type': 'application/json' }, data });
  expect(response.ok()).toBe(true);
}

/** Lesson 08's service with the default names, as the learner creates it; moto never finishes its rollout. */
async function createServiceStillRollingOut(endpoint: string, env: Record<string, string>) {
  const config = { region: 'ap-northeast-1', endpoint, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! } };
  const ecs = new ECSClient(config);
  const ec2 = new EC2Client(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  try {
    const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    const group = await elbv2.send(new CreateTargetGroupCommand({ Name: 'ecs-fargate-tg', Protocol: 'HTTP', Port: 3000, VpcId: vpcs.Vpcs![0]!.VpcId!, TargetType: 'ip' }));
    await ecs.send(new CreateClusterCommand({ clusterName: 'ecs-handson-cluster', capacityProviders: ['FARGATE'] }));
    await ecs.send(new RegisterTaskDefinitionCommand({
      family: 'ecs-handson-task', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512',
      containerDefinitions: [{ name: 'app', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-handson-app:latest', essential: true, portMappings: [{ containerPort: 3000 }] }],
    }));
    await ecs.send(new CreateServiceCommand({
      cluster: 'ecs-handson-cluster', serviceName: 'ecs-fargate-service', taskDefinition: 'ecs-handson-task', desiredCount: 2, launchType: 'FARGATE',
      healthCheckGracePeriodSeconds: 30,
      loadBalancers: [{ targetGroupArn: group.TargetGroups![0]!.TargetGroupArn!, containerName: 'app', containerPort: 3000 }],
    }));
  } finally {
    for (const client of [ecs, ec2, elbv2]) client.destroy();
  }
}

test.beforeAll(async () => {
  moto = await startMoto({ port: e2eMotoPort });
  await createServiceStillRollingOut(moto.endpoint, moto.env);
});
test.afterAll(async ({ request }) => {
  await put(request, '/api/progress/reset', {});
  await moto?.stop();
});

test('a pending Check shows a countdown, re-checks by itself, and stops at its limit', async ({ page, request }) => {
  await put(request, '/api/settings', {}, 'put'); // the default names
  await put(request, '/api/progress/reset', {});
  await page.goto('/en/service-alb/');
  const check = page.locator('[data-check="service/running"]');
  const result = check.locator('[data-check-result]');
  const countdown = check.locator('[data-check-countdown]');

  const autoRuns: string[] = [];
  page.on('request', (req) => {
    if (req.url().endsWith('/api/checks/run') && (req.postDataJSON() as { source?: string }).source === 'auto') autoRuns.push(req.url());
  });

  await check.getByRole('button', { name: 'Check' }).click();
  await expect(result).toHaveAttribute('data-status', 'pending');
  await expect(result).toContainText('Still settling');
  await expect(result.locator('[data-item="deployment"]')).toHaveAttribute('data-status', 'pending');
  await expect(result.locator('[data-item="deployment"]')).toContainText('IN_PROGRESS');

  // The countdown is visible and counts down…
  await expect(countdown).toBeVisible();
  await expect(countdown).toHaveText('Checking again by itself in 3 s (look 1 of 2).');
  await expect(countdown).toHaveText('Checking again by itself in 2 s (look 1 of 2).');
  expect(autoRuns).toHaveLength(0);
  // …then the page checks again by itself, still pending, and counts down the last look…
  await expect(countdown).toHaveText('Checking again by itself in 3 s (look 2 of 2).', { timeout: 15_000 });
  expect(autoRuns).toHaveLength(1);
  // …and after it says it stopped, with the way to look again.
  await expect(countdown).toHaveText('Still settling after 2 looks. Press Check to look again.', { timeout: 15_000 });
  expect(autoRuns).toHaveLength(2);

  // Each look was a real run, recorded as the automatic re-check it was.
  const exported = (await (await request.get('/api/progress/export')).json()) as { attempts: { step: string; status: string; source: string }[] };
  const sinceReset = exported.attempts.slice(exported.attempts.findLastIndex((a) => a.step === '*' && a.status === 'reset') + 1);
  expect(sinceReset.filter((a) => a.step === 'service/running').map((a) => `${a.source} ${a.status}`)).toEqual(['browser pending', 'auto pending', 'auto pending']);
});
