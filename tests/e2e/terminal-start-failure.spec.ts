import { e2eOrigin } from '../../playwright.config.ts';
import { expect, test } from './fixtures.ts';
import { rows, typeInTerminal, waitForPrompt } from './terminal-page.ts';

test('a shell that cannot start says why in the pane, and starts once the cause is gone', async ({ page, request }) => {
  const saveSettings = (data: object) => request.put('/api/settings', { headers: { origin: e2eOrigin, 'content-type': 'application/json' }, data });
  const pane = page.locator('[data-terminal-pane]');
  const notice = pane.locator('[data-terminal-notice]');

  await page.goto('/en/before-you-start/');
  await waitForPrompt(page);
  // A workspace folder inside a file cannot be made: the next shell cannot start there.
  expect((await saveSettings({ workspace: '/dev/null/workspace' })).ok()).toBe(true);
  await typeInTerminal(page, 'exit');
  await expect(notice).toContainText('The shell exited');
  await notice.getByRole('button', { name: 'Start a new shell' }).click();

  await expect(notice).toBeVisible();
  await expect(notice).toContainText('The shell could not start: the workspace folder /dev/null/workspace cannot be made (ENOTDIR); choose another one in Settings');
  await expect(pane).toHaveAttribute('data-status', 'failed');

  expect((await saveSettings({})).ok()).toBe(true);
  await notice.getByRole('button', { name: 'Start a new shell' }).click();
  await waitForPrompt(page);
  await expect(notice).toBeHidden();
  await typeInTerminal(page, 'echo started-$((20+1)) in $PWD');
  await expect(rows(page)).toContainText(/started-21 in \/.*ecs-workbook/);
});
