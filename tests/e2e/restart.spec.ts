/**
 * A tab left open across a server restart: its session cookie is from the old launch, so the server
 * answers 401. The Playwright server is one process, so the restart is what the tab sees of one:
 * its session cookie replaced by one the server never issued.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { typeInTerminal, waitForPrompt } from './terminal-page.ts';

async function forgetSignIn(context: BrowserContext) {
  const cookies = await context.cookies();
  const session = cookies.filter((cookie) => cookie.name.startsWith('ecs-workbook-session-'));
  expect(session).toHaveLength(1);
  await context.addCookies(session.map((cookie) => ({ ...cookie, value: 'a-cookie-from-the-launch-before' })));
}

/** The shell exits and the learner asks for a new one: the tab connects again, after the restart. */
async function reconnectTerminal(page: Page, newShell: string) {
  const notice = page.locator('[data-terminal-notice]');
  await typeInTerminal(page, 'exit');
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: newShell }).click();
}

test('after a restart, Check and the terminal say to open the new link, not that the server did not answer', async ({ page, context }) => {
  await page.goto('/en/before-you-start/');
  await waitForPrompt(page);
  await forgetSignIn(context);

  const check = page.locator('[data-check]').first();
  await check.locator('[data-check-run]').click();
  const restarted = 'The workbook was restarted: open the new link it printed (it ends in #sign-in=…). Each link works once; npx ecs-workbook link prints a fresh one.';
  await expect(check).toContainText(restarted);
  await expect(check).not.toContainText('did not answer');

  await reconnectTerminal(page, 'Start a new shell');
  const pane = page.locator('[data-terminal-pane]');
  await expect(pane).toHaveAttribute('data-status', 'signed-out');
  await expect(pane.locator('[data-terminal-notice]')).toContainText(restarted);
  await expect(pane.locator('[data-terminal-status]')).not.toContainText('Reconnecting');
});

test('after a restart, a Japanese page says it in Japanese', async ({ page, context }) => {
  await page.goto('/ja/before-you-start/');
  await waitForPrompt(page);
  await forgetSignIn(context);

  const check = page.locator('[data-check]').first();
  await check.locator('[data-check-run]').click();
  const restarted = 'ワークブックが再起動されました。新しく表示されたリンク (末尾が #sign-in=…) を開いてください。';
  await expect(check).toContainText(restarted);

  await reconnectTerminal(page, '新しいシェルを起動');
  await expect(page.locator('[data-terminal-notice]')).toContainText(restarted);
});

test('a sign-in that is gone leaves no literal backticks in what the page says', async ({ page, context }) => {
  await page.goto('/en/before-you-start/');
  await context.clearCookies();
  await page.reload();
  await expect(page.locator('[data-terminal-pane]')).toContainText('This browser is not signed in');
  for (const text of await page.locator('main, aside').allInnerTexts()) expect(text).not.toContain('`');
});
