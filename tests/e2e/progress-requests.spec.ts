/**
 * One progress client per page: however many Checks a page has, it asks for the stored results
 * once; and a Check click costs one POST, with no second request for the news that the event
 * stream brings about that same run. Counted from the browser's own requests.
 */
import type { APIRequestContext, Page, Request } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { e2eDockerSocket, e2eOrigin as origin } from '../../playwright.config.ts';
import { rmSync } from 'node:fs';

async function resetProgress(request: APIRequestContext) {
  const response = await request.post('/api/progress/reset', { headers: { origin, 'content-type': 'application/json' }, data: {} });
  expect(response.ok()).toBe(true);
}
test.beforeEach(async ({ request }) => resetProgress(request));
test.afterAll(async ({ request }) => resetProgress(request));

/** The page's requests to the progress API, from now on. */
function countRequests(page: Page) {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) seen.push(request);
  });
  return (method: string, path: string) => seen.filter((request) => request.method() === method && new URL(request.url()).pathname === path).length;
}

/** Longer than the server's event poll a few times over: what has not been sent by then is not coming. */
const settle = (page: Page) => page.waitForTimeout(1500);

test('a page with five Checks asks for the stored results once', async ({ page }) => {
  const steps = ['network/vpc', 'network/subnets', 'network/internet-gateway', 'network/routes', 'network/security-groups'];
  const count = countRequests(page);
  await page.goto('/en/network/');
  await expect(page.locator('[data-check]')).toHaveCount(steps.length);
  await page.waitForFunction(() => (window as unknown as Record<string, boolean>).__workbookLive === true);
  await settle(page);
  expect(count('GET', '/api/progress')).toBe(1);
  expect(count('GET', '/api/events')).toBe(1);
});

test('a Check click is one POST: no GET of the progress for the news of its own run', async ({ page }) => {
  rmSync(e2eDockerSocket, { force: true });
  const count = countRequests(page);
  await page.goto('/en/before-you-start/');
  await page.waitForFunction(() => (window as unknown as Record<string, boolean>).__workbookLive === true);
  await settle(page);
  expect(count('GET', '/api/progress')).toBe(1);

  const check = page.locator('[data-check="setup/docker"]');
  const badge = page.getByRole('navigation', { name: 'Lessons' }).locator('[data-step-status="setup/docker"]');
  await check.getByRole('button', { name: 'Check' }).click();
  await expect(check.locator('[data-check-result]')).toHaveAttribute('data-status', 'fail');
  // The event stream's news of the run arrived (the sidebar follows it)…
  await expect(badge).toHaveText('Not yet');
  await settle(page);
  // …and cost no request: the POST's answer already carried the result.
  expect(count('POST', '/api/checks/run')).toBe(1);
  expect(count('GET', '/api/progress')).toBe(1);
});
