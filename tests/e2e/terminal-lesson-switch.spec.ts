/**
 * Issue 3's "Done when": switch lessons, reload, and find the same shell and screen. The terminal
 * is one per learner, not one per page: a lesson reached through the sidebar shows the screen the
 * last one left, and the shell behind it is the same process.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { rows, typeInTerminal, waitForPrompt } from './terminal-page.ts';

/** The shell's process id as it printed it after `label`; the arithmetic proves the shell ran the line. */
async function printedPid(page: Page, label: string): Promise<string> {
  await typeInTerminal(page, `echo ${label}-$((6*7))-pid$$`);
  const pattern = new RegExp(`${label}-42-pid(\\d+)`);
  await expect(rows(page)).toContainText(pattern);
  return (await rows(page).innerText()).match(pattern)![1]!;
}

test('switching lessons through the sidebar keeps the same shell and screen, and so does a reload', async ({ page }) => {
  await page.goto('/en/before-you-start/');
  await waitForPrompt(page);
  const pid = await printedPid(page, 'marker');

  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: 'Write a Dockerfile, build and run the app' }).click();
  await expect(page).toHaveURL(/\/en\/dockerfile\/$/);
  await waitForPrompt(page);
  // The marker's output is still on the screen…
  await expect(rows(page)).toContainText(`marker-42-pid${pid}`);
  // …and the shell takes commands, and is the same process.
  expect(await printedPid(page, 'after-switch')).toBe(pid);

  await page.reload();
  await waitForPrompt(page);
  await expect(rows(page)).toContainText(`after-switch-42-pid${pid}`);
  expect(await printedPid(page, 'after-reload')).toBe(pid);
});
