/**
 * The live map and the cost panel against real state: moto on the port the server's
 * AWS_ENDPOINT_URL names (playwright.config.ts), a VPC and an ALB made with the AWS CLI, the
 * Checks run as the page runs them. The map relights from the live events, each state reads in
 * words (not colour alone), and axe finds nothing in the map for a screen reader to trip on.
 */
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { e2eMotoPort, e2eOrigin as origin } from '../../playwright.config.ts';
import { buildAlbWithAwsCli } from '../harness/alb-with-aws-cli.ts';
import { startMoto, type Moto } from '../harness/moto.ts';
import { expect, test } from './fixtures.ts';

let moto: Moto;
const names = { region: 'ap-northeast-1', vpcName: 'ecs-handson-vpc', albSecurityGroup: 'ecs-alb-sg', loadBalancer: 'ecs-fargate-alb', targetGroup: 'ecs-fargate-tg' };

async function send(request: APIRequestContext, path: string, data: object, method: 'put' | 'post' = 'post') {
  const response = await request[method](path, { headers: { origin, 'content-type': 'application/json' }, data });
  expect(response.ok(), await response.text()).toBe(true);
}
const box = (page: Page, type: string) => page.locator(`[data-live-map] [data-type="${type}"]`);

test.beforeAll(async () => {
  moto = await startMoto({ port: e2eMotoPort });
});
test.afterAll(async ({ request }) => {
  await send(request, '/api/progress/reset', {});
  await moto?.stop();
});

test('the map and the cost panel light up with the ALB the AWS CLI made, live, in words', async ({ page, request }) => {
  test.setTimeout(240_000);
  await send(request, '/api/settings', {}, 'put'); // the default names
  // Nothing billable yet: the cleanup check looks at everything billable and finds it gone.
  await send(request, '/api/checks/run', { step: 'cleanup/billable-gone' });

  await page.goto('/en/map/');
  const map = page.getByRole('region', { name: 'Map of your resources' });
  await expect(box(page, 'load-balancer')).toHaveAttribute('data-state', 'missing');
  await expect(box(page, 'load-balancer')).toContainText('Missing');
  await expect(box(page, 'stack')).toHaveAttribute('data-state', 'unchecked');
  await expect(box(page, 'stack')).toContainText('Not checked yet');
  const cost = page.locator('[data-cost-panel]');
  await expect(cost).toContainText('About US$0.00 (≈ ¥0) per hour');
  await expect(cost).toContainText('Nothing billable is running');

  const { loadBalancerArn } = await buildAlbWithAwsCli(moto.endpoint, moto.env, names);
  // The Checks run from elsewhere (as another tab or the CLI would): the open map hears of it.
  await send(request, '/api/checks/run', { step: 'network/vpc' });
  await send(request, '/api/checks/run', { step: 'service/load-balancer' });

  const lb = box(page, 'load-balancer');
  await expect(lb).toHaveAttribute('data-state', 'healthy', { timeout: 15_000 });
  await expect(lb).toContainText('Healthy');
  const link = lb.getByRole('link', { name: 'Load balancer ecs-fargate-alb: open in the AWS console' });
  await expect(link).toHaveAttribute('href', `https://ap-northeast-1.console.aws.amazon.com/ec2/home?region=ap-northeast-1#LoadBalancer:loadBalancerArn=${encodeURIComponent(loadBalancerArn)}`);
  await expect(box(page, 'vpc')).toContainText('ecs-handson-vpc');
  await expect(cost).toContainText('About US$0.0423 (≈ ¥6) per hour');
  await expect(cost).toContainText('Running since');
  await expect(cost.getByRole('row', { name: /Load balancer ecs-fargate-alb/ })).toContainText('US$0.0323');

  // The text alternative says the same states.
  await map.getByText('The same map as a list').click();
  await expect(map.locator('[data-map-list]')).toContainText('Load balancer (ecs-fargate-alb): Healthy');
  await expect(map.locator('[data-map-list]')).toContainText('CloudFormation stack (ecs-handson-cluster-stack): Not checked yet');

  // Each state differs in icon, words and border, not only in colour.
  const legend = map.locator('.wbm-legend');
  await legend.locator('summary').click();
  const looks = await legend.locator('.wbm-state').evaluateAll((badges) => badges.map((badge) => badge.textContent?.trim()));
  expect(looks).toEqual(['✓ Healthy', '● Exists', '✕ Missing', '? Not checked yet']);
  const borders = await page.locator('[data-live-map] .wbm-box').evaluateAll((boxes) =>
    Object.fromEntries(boxes.map((element) => [element.getAttribute('data-state'), `${getComputedStyle(element).borderTopStyle} ${getComputedStyle(element).borderTopWidth}`])),
  );
  expect(new Set(Object.values(borders)).size).toBe(Object.keys(borders).length);

  // Icons are hidden from screen readers, which read the words; axe finds nothing in the map and the panel.
  await expect(lb.locator('.wbm-icon')).toHaveAttribute('aria-hidden', 'true');
  const axe = await new AxeBuilder({ page }).include('[data-live-map-section]').include('.wbc').analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);

  // Japanese.
  await page.goto('/ja/map/');
  await expect(box(page, 'load-balancer')).toContainText('正常');
  await expect(box(page, 'stack')).toContainText('未チェック');
  await expect(page.locator('[data-cost-panel]')).toContainText('1 時間あたり約 US$0.0423（約6円）');

  // The lesson page carries its own map, and the home page reminds while something is billed.
  await page.goto('/en/service-alb/');
  await expect(box(page, 'load-balancer')).toHaveAttribute('data-state', 'healthy');
  await page.goto('/en/');
  await expect(page.locator('[data-cost-reminder]')).toHaveText('Billable resources are still running in your AWS account: about US$0.0423 (≈ ¥6) per hour. Lesson 11 deletes them.');

  // Lesson 11: once the load balancer is gone and the cleanup check has looked, the total reaches zero.
  await page.goto('/en/cleanup/');
  const elbv2 = ['elbv2', 'delete-load-balancer', '--load-balancer-arn', loadBalancerArn];
  const { execFile } = await import('node:child_process');
  const { awsCliEnv } = await import('../harness/alb-with-aws-cli.ts');
  await new Promise<void>((resolve, reject) => execFile('/usr/bin/aws', [...elbv2, '--endpoint-url', moto.endpoint, '--region', names.region], { env: awsCliEnv(moto.env) }, (error) => (error ? reject(error) : resolve())));
  await send(request, '/api/checks/run', { step: 'cleanup/billable-gone' });
  await expect(page.locator('[data-cost-panel]')).toContainText('About US$0.00 (≈ ¥0) per hour', { timeout: 15_000 });
  await expect(box(page, 'load-balancer')).toHaveAttribute('data-state', 'missing');
});
