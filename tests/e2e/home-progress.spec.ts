/** The home page shows every lesson's steps with their state, kept current live like the sidebar. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { e2eDataDir, e2eOrigin as origin } from '../../playwright.config.ts';
import { expect, test } from './fixtures.ts';

async function resetProgress(request: APIRequestContext) {
  const response = await request.post('/api/progress/reset', { headers: { origin, 'content-type': 'application/json' }, data: {} });
  expect(response.ok()).toBe(true);
}

function runCli(args: string[], env: Record<string, string>): Promise<number> {
  const node = existsSync('node_modules/.bin/node') ? 'node_modules/.bin/node' : process.execPath;
  return new Promise((resolve, reject) => {
    const child = spawn(node, ['bin/ecs-workbook.mjs', ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

test.beforeEach(async ({ request }) => resetProgress(request));
test.afterAll(async ({ request }) => resetProgress(request));

test('the home page lists each lesson’s steps with status badges, and a CLI check shows up on them live', async ({ page }) => {
  await page.goto('/en/');
  const steps = page.getByRole('list', { name: 'Steps of “Before you start”' });
  await expect(steps.getByRole('link', { name: 'Docker runs on your machine' })).toHaveAttribute('href', '/en/before-you-start/#step-setup-docker');
  const badge = steps.locator('[data-step-status="setup/docker"]');
  await expect(badge).toHaveText('Not started');
  // Every step of the course has its badge on the home page.
  const total = Number(await page.locator('[data-course-progress]').getAttribute('data-steps').then((ids) => ids!.split(',').length));
  await expect(page.locator('.lesson-steps [data-step-status]')).toHaveCount(total);
  await expect(page.getByRole('list', { name: 'Steps of “Store the image in Amazon ECR”' }).locator('[data-step-status]')).toHaveText(['Not started', 'Not started']);

  await page.waitForFunction(() => (window as unknown as Record<string, boolean>).__workbookLive === true);
  // The learner checks from the terminal, against the real engine.
  expect(await runCli(['check', 'setup/docker', '--data-dir', e2eDataDir], { DOCKER_HOST: 'unix:///var/run/docker.sock' })).toBe(0);
  await expect(badge).toHaveText('Passed');
  await expect(badge).toHaveAttribute('data-status', 'pass');
  await expect(page.locator('[data-course-progress]')).toHaveText(`1 of ${total} steps passed`);

  // And a reload renders the same state from the store.
  await page.reload();
  await expect(page.getByRole('list', { name: 'Steps of “Before you start”' }).locator('[data-step-status="setup/docker"]')).toHaveText('Passed');
});
