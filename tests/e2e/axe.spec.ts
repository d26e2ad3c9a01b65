/**
 * axe finds no violation (issue 15, item 1), in light and in dark, on the home pages, on every
 * lesson of the course manifest, and on a lesson with a failing Check and its fix on screen.
 */
import { rmSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { course } from '../../lessons/course.ts';
import { e2eDockerSocket, e2eOrigin as origin } from '../../playwright.config.ts';

async function resetProgress(request: APIRequestContext) {
  expect((await request.post('/api/progress/reset', { headers: { origin, 'content-type': 'application/json' }, data: {} })).ok()).toBe(true);
}
test.afterAll(async ({ request }) => resetProgress(request));

/**
 * "rule (impact): target — summary" for each failing node, so a failure says what to fix.
 * `rules` narrows the run to those rules (axe takes 5–20 s a page on a busy machine).
 */
async function violations(page: Page, rules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (rules) builder.withRules(rules);
  const results = await builder.analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${page.url()} ${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1, 2).join(' ').trim()}`),
  );
}

/** A lesson page as the learner sees it: the terminal drawn too, since it is part of the page. */
async function openLesson(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('[data-terminal-pane] .xterm-rows')).toBeAttached();
}

/**
 * Every rule in light; in dark (the page follows prefers-color-scheme) the rules about colour,
 * the only thing dark mode changes.
 */
async function bothSchemes(page: Page): Promise<string[]> {
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await violations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await violations(page, ['color-contrast', 'link-in-text-block']);
  return [...light, ...dark.map((line) => `dark: ${line}`)];
}

test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 150_000 });

for (const path of ['/en/', '/ja/']) {
  test(`axe, light and dark: home ${path}`, async ({ page }) => {
    await page.goto(path);
    expect(await bothSchemes(page)).toEqual([]);
  });
}

// Every lesson of the course manifest, and one in Japanese.
for (const path of [...course.lessons.map((lesson) => `/en/${lesson.slug}/`), `/ja/${course.lessons[2]!.slug}/`]) {
  test(`axe, light and dark: ${path}`, async ({ page }) => {
    await openLesson(page, path);
    expect(await bothSchemes(page)).toEqual([]);
  });
}

test('axe, light and dark: a lesson with a failing Check, its fix and what Run said', async ({ page, request }) => {
  await resetProgress(request);
  rmSync(e2eDockerSocket, { force: true });
  await openLesson(page, '/en/before-you-start/');
  const check = page.locator('[data-check="setup/docker"]');
  await check.getByRole('button', { name: 'Check' }).click();
  await expect(check.locator('[data-check-result]')).toHaveAttribute('data-status', 'fail');
  const fix = check.locator('[data-check-result] [data-command]');
  await expect(fix).toBeVisible();
  await fix.getByRole('button', { name: 'Run', exact: true }).press('Enter');
  await expect(fix.locator('[data-run-feedback]')).not.toBeEmpty();
  expect(await bothSchemes(page)).toEqual([]);
});
