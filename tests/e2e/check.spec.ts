import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { e2eDataDir, e2eDockerSocket, e2eOrigin as origin } from '../../playwright.config.ts';
import { forwardDockerSocket } from '../harness/docker.ts';

async function resetProgress(request: APIRequestContext) {
  const response = await request.post('/api/progress/reset', { headers: { origin, 'content-type': 'application/json' }, data: {} });
  expect(response.ok()).toBe(true);
}

function runCli(args: string[], env: Record<string, string>): Promise<number> {
  const node = existsSync('node_modules/.bin/node') ? 'node_modules/.bin/node' : process.execPath;
  return new Promise((resolve, reject) => {
    const child = spawn(node, ['bin/ecs-workbook.mjs', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

test.beforeEach(async ({ request }) => resetProgress(request));
// Leave the store empty for the other browser tests (the home page starts at "0 of N").
test.afterAll(async ({ request }) => resetProgress(request));

test('Check shows a failure with its fix, then passes once Docker runs, and the sidebar follows', async ({ page }) => {
  rmSync(e2eDockerSocket, { force: true });
  await page.goto('/en/before-you-start/');
  const check = page.locator('[data-check="setup/docker"]');
  const badge = page.getByRole('navigation', { name: 'Lessons' }).locator('[data-step-status="setup/docker"]');
  await expect(badge).toHaveText('Not started');

  await check.getByRole('button', { name: 'Check' }).click();
  const result = check.locator('[data-check-result]');
  await expect(result).toHaveAttribute('data-status', 'fail');
  await expect(result).toContainText('Not yet');
  await expect(result).toContainText(`The Docker engine answers at unix://${e2eDockerSocket}`);
  await expect(result.locator('[data-command] code')).toHaveText('sudo systemctl start docker');
  await expect(result.getByRole('button', { name: 'Run' })).toBeVisible();
  await expect(check.getByRole('status')).toContainText('Docker runs on your machine: Not yet.');
  await expect(badge).toHaveText('Not yet');

  const engine = await forwardDockerSocket(e2eDockerSocket);
  try {
    await check.getByRole('button', { name: 'Check' }).click();
    await expect(result).toHaveAttribute('data-status', 'pass');
    await expect(result).toContainText(/Docker [\d.]+\S* is running\./);
    await expect(badge).toHaveText('Passed');
    await expect(page.locator('article [data-step-status="setup/docker"]')).toHaveText('Passed');
  } finally {
    await new Promise((resolve) => engine.close(resolve));
    rmSync(e2eDockerSocket, { force: true });
  }
});

test('a check run from the terminal appears in the open page without a reload', async ({ page }) => {
  await page.goto('/en/before-you-start/');
  const badge = page.getByRole('navigation', { name: 'Lessons' }).locator('[data-step-status="setup/aws-identity"]');
  await expect(badge).toHaveText('Not started');
  // Wait until the page listens to the server's events before the CLI writes.
  await page.waitForFunction(() => (window as unknown as Record<string, boolean>).__workbookLive === true);

  const home = mkdtempSync(join(tmpdir(), 'wb-e2e-home-'));
  try {
    const code = await runCli(['check', 'setup/aws-identity', '--data-dir', e2eDataDir], {
      HOME: home, // no ~/.aws: no credentials
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(code).toBe(3);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  await expect(badge).toHaveText('Could not check');
  const result = page.locator('[data-check="setup/aws-identity"] [data-check-result]');
  await expect(result).toHaveAttribute('data-status', 'error');
  await expect(result).toContainText('Not your mistake. Could not check: no AWS credentials were found.');
  await expect(result).toContainText('Result of a check run from the terminal.');
  await expect(result.locator('[data-command] code')).toHaveText('aws configure');
});
