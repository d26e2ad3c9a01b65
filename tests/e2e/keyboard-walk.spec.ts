/**
 * A learner with a keyboard only (issue 15, item 1): Run leaves the focus where it was, the
 * terminal can be entered on request and left with its documented key (no keyboard trap, WCAG
 * 2.1.2), and the Check and its result are reachable and read after it. Step headings read as one
 * sentence to a screen reader.
 */
import { rmSync } from 'node:fs';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { rows, waitForPrompt } from './terminal-page.ts';
import { e2eDockerSocket, e2eOrigin as origin } from '../../playwright.config.ts';

async function resetProgress(request: APIRequestContext) {
  expect((await request.post('/api/progress/reset', { headers: { origin, 'content-type': 'application/json' }, data: {} })).ok()).toBe(true);
}
// Leave the store empty for the other browser tests, as check.spec does.
test.afterAll(async ({ request }) => resetProgress(request));

/** Presses Tab until the target has the focus, as a learner would; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach the element in ${limit} presses`);
}

test.use({ viewport: { width: 1440, height: 900 } });

test('keyboard only: Tab to Run, Enter, into the terminal and out with Ctrl+], Tab to Check, Enter, read the result', async ({ page, request }) => {
  await resetProgress(request);
  rmSync(e2eDockerSocket, { force: true }); // no engine: the Check answers "Not yet"
  await page.goto('/en/before-you-start/');
  await waitForPrompt(page);
  const block = page.locator('[data-command]').filter({ hasText: 'docker version' });
  const run = block.getByRole('button', { name: 'Run', exact: true });

  await tabTo(page, run);
  await page.keyboard.press('Enter');
  await expect(rows(page)).toContainText('docker version');
  // Run said it sent the command, and the focus stayed on Run: the terminal did not take it.
  await expect(block.getByRole('status')).toContainText('Sent to the terminal.');
  await expect(run).toBeFocused();

  // Into the terminal only when asked, and out again with the key the hint names.
  const hint = page.locator('[data-terminal-leave-hint]');
  await expect(hint).toBeHidden();
  const go = block.getByRole('button', { name: 'Go to the terminal' });
  await page.keyboard.press('Tab');
  await expect(go).toBeFocused();
  await page.keyboard.press('Enter');
  const textarea = page.locator('[data-terminal-pane] .xterm-helper-textarea');
  await expect(textarea).toBeFocused();
  await expect(hint).toBeVisible();
  await expect(hint).toHaveText('Press Ctrl+] to leave the terminal (Tab and Escape go to the shell).');
  await expect(textarea).toHaveAccessibleDescription(/Ctrl\+\] to leave the terminal/);
  await page.keyboard.type('echo typed-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(rows(page)).toContainText('typed-42');
  // Tab belongs to bash in here (completion), so it does not leave…
  await page.keyboard.type('ech');
  await page.keyboard.press('Tab');
  await expect(textarea).toBeFocused();
  await expect(rows(page)).toContainText(/[$#] echo\s*$/);
  await page.keyboard.press('Control+u');
  // …Ctrl+] does, back to where the learner came from.
  await page.keyboard.press('Control+BracketRight');
  await expect(go).toBeFocused();
  await expect(hint).toBeHidden();

  const check = page.locator('[data-check="setup/docker"]');
  await tabTo(page, check.getByRole('button', { name: 'Check' }));
  await page.keyboard.press('Enter');
  await expect(check.locator('[data-check-result]')).toHaveAttribute('data-status', 'fail');
  await expect(check.getByRole('status')).toContainText('Docker runs on your machine: Not yet.');
  // The heading follows, and reads as the issue asks: "Step 1: Create the VPC — Not yet".
  await expect(page.locator('#step-title-setup-docker')).toHaveAccessibleName('Step 1: Docker runs on your machine — Not yet');
  // The result's own fix command is reachable next, by Tab, without a detour through the terminal.
  await page.keyboard.press('Tab');
  await tabTo(page, check.locator('[data-command]').getByRole('button', { name: 'Copy' }), 10);
});

test('step headings read as one sentence: number, title, state', async ({ page, request }) => {
  await resetProgress(request);
  await page.goto('/en/before-you-start/');
  await expect(page.locator('#step-title-setup-docker')).toHaveAccessibleName('Step 1: Docker runs on your machine — Not started');
  await expect(page.locator('#step-title-setup-aws-identity')).toHaveAccessibleName(/^Step 2: .+ — Not started$/);
  // The section is named by its heading, so a screen reader's list of regions reads the same.
  await expect(page.getByRole('region', { name: 'Step 1: Docker runs on your machine — Not started' })).toBeVisible();
  await page.goto('/ja/before-you-start/');
  await expect(page.locator('#step-title-setup-docker')).toHaveAccessibleName(/^手順 1: \S.* — 未着手$/);
  // Shown as before: no colon or dash on screen.
  await expect(page.locator("#step-title-setup-docker .step-number")).toHaveText("手順 1:");
  const dash = page.locator('#step-title-setup-docker .visually-hidden');
  await expect(dash).toHaveText(' — ');
  expect((await dash.boundingBox())!.width).toBeLessThanOrEqual(1);
});

test('a click on Run with the mouse still puts the cursor in the terminal', async ({ page }) => {
  await page.goto('/en/before-you-start/');
  await waitForPrompt(page);
  await page.locator('[data-command]').filter({ hasText: 'docker version' }).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-terminal-pane] .xterm-helper-textarea')).toBeFocused();
});
