/**
 * "Look yourself" (issue 13, item 10): beside a Check's verdict, the read-only commands that show
 * what the Check saw, each with Copy and Run, so a learner can diagnose without the workbook.
 * The Docker step fails here (its engine socket is absent), as it does for a learner whose Docker
 * is not started; its look commands are `docker version …` and `docker buildx version`.
 */
import { rmSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { e2eDockerSocket, e2eOrigin as origin } from '../../playwright.config.ts';
import { expect, test } from './fixtures.ts';
import { rows, waitForPrompt } from './terminal-page.ts';

test.use({ viewport: { width: 1440, height: 900 } });

async function resetProgress(request: APIRequestContext) {
  const response = await request.post('/api/progress/reset', { headers: { origin, 'content-type': 'application/json' }, data: {} });
  expect(response.ok()).toBe(true);
}

test.beforeEach(async ({ request }) => {
  rmSync(e2eDockerSocket, { force: true });
  await resetProgress(request);
});
// Leave the store empty for the other browser tests (the home page starts at "0 of N").
test.afterAll(async ({ request }) => resetProgress(request));

test('beside a failing verdict, the commands that show what the Check saw: Run types one into the terminal, Copy puts it on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/en/before-you-start/');
  const step = page.locator('[data-step="setup/docker"]');
  await step.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(step.locator('[data-check-result]')).toHaveAttribute('data-status', 'fail', { timeout: 30_000 });

  // Closed until the learner asks, then the commands and what they are for, in words.
  const look = step.getByRole('group', { name: 'Look yourself: the commands that show what this Check sees' });
  await expect(look).toBeHidden();
  await step.getByText('Look yourself: the commands that show what this Check sees').click();
  await expect(step.getByText('These commands only read. Run them to see what the Check saw')).toBeVisible();
  const buildx = look.locator('[data-command]').filter({ hasText: 'docker buildx version' });
  const version = look.locator('[data-command]').filter({ hasText: 'docker version --format' });
  await expect(version.locator('code')).toHaveText("docker version --format 'client {{.Client.Version}}, engine {{.Server.Version}} ({{.Server.Os}}/{{.Server.Arch}})'");
  await expect(buildx.getByRole('button', { name: 'Copy' })).toBeVisible();

  await expect(page.locator('[data-terminal-pane]')).toHaveAttribute('data-status', 'live', { timeout: 30_000 });
  await waitForPrompt(page);
  await buildx.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(buildx.getByRole('status')).toHaveText(/^Sent to the terminal\./);
  await expect(rows(page)).toContainText('docker buildx version');

  await version.getByRole('button', { name: 'Copy' }).click();
  await expect(version.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("docker version --format 'client {{.Client.Version}}, engine {{.Server.Version}} ({{.Server.Os}}/{{.Server.Arch}})'");
});

test('in Japanese: 自分で確かめる, with コピー and 実行', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/ja/before-you-start/');
  const step = page.locator('[data-step="setup/docker"]');
  await step.getByRole('button', { name: 'チェック', exact: true }).click();
  await expect(step.locator('[data-check-result]')).toHaveAttribute('data-status', 'fail', { timeout: 30_000 });
  await step.getByText('自分で確かめる: このチェックが見ているものを表示するコマンド').click();
  await expect(step.getByText('これらのコマンドは読み取るだけです。')).toBeVisible();
  const look = step.getByRole('group', { name: '自分で確かめる: このチェックが見ているものを表示するコマンド' });
  const buildx = look.locator('[data-command]').filter({ hasText: 'docker buildx version' });
  await buildx.getByRole('button', { name: 'コピー' }).click();
  await expect(buildx.getByRole('button', { name: 'コピーしました' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('docker buildx version');
  await expect(buildx.getByRole('button', { name: '実行', exact: true })).toBeVisible();
});
