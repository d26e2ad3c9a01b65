/**
 * The learner's own names in a lesson: a prefix saved in the settings panel shows at once in an
 * open lesson, both in a Command block and in the prose (<Var>), and stays after a reload.
 */
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { e2eOrigin as origin } from '../../playwright.config.ts';

async function resetSettings(request: APIRequestContext) {
  const response = await request.put('/api/settings', { headers: { origin, 'content-type': 'application/json' }, data: {} });
  expect(response.ok()).toBe(true);
}

// The other browser tests expect the default names.
test.beforeEach(async ({ request }) => resetSettings(request));
test.afterEach(async ({ request }) => resetSettings(request));

test('a prefix saved in the settings shows in the open lesson, in commands and in the prose', async ({ page, context }) => {
  await page.goto('/en/network/');
  const prose = page.locator('article code.wb-var[data-var="albSecurityGroup"]').first();
  const command = page.locator('[data-command]').filter({ hasText: 'create-security-group' }).first().locator('.wb-var[data-var="albSecurityGroup"]').first();
  await expect(prose).toBeVisible();
  await expect(prose).toHaveText('ecs-alb-sg');
  await expect(command).toHaveText('ecs-alb-sg');

  const home = await context.newPage();
  await home.goto('/en/');
  const settings = home.locator('[data-settings-form]');
  await settings.getByLabel('Name prefix').fill('team1');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved. Every command now shows your values.');

  // The open lesson follows without a reload (the server's settings event).
  await expect(prose).toHaveText('team1-ecs-alb-sg');
  await expect(command).toHaveText('team1-ecs-alb-sg');

  await page.reload();
  await expect(prose).toHaveText('team1-ecs-alb-sg');
  await expect(command).toHaveText('team1-ecs-alb-sg');
  await expect(page.locator('article code.wb-var[data-var="taskSecurityGroup"]').first()).toHaveText('team1-ecs-task-sg');
});
