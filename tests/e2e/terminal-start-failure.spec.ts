import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eOrigin } from '../../playwright.config.ts';
import { expect, test } from './fixtures.ts';
import { rows, typeInTerminal, waitForPrompt } from './terminal-page.ts';

test('a shell that cannot start says why in the pane, and starts once the cause is gone', async ({ page, request }) => {
  const saveSettings = (data: object) => request.put('/api/settings', { headers: { origin: e2eOrigin, 'content-type': 'application/json' }, data });
  const pane = page.locator('[data-terminal-pane]');
  const notice = pane.locator('[data-terminal-notice]');

  await page.goto('/en/before-you-start/');
  await waitForPrompt(page);
  // A folder that could be made when saved (so the setting is accepted), but a file is in the way
  // of it by the time the next shell starts (the learner moved things around meanwhile).
  const parent = mkdtempSync(join(tmpdir(), 'wb-'));
  const blocked = join(parent, 'f');
  expect((await saveSettings({ workspace: join(blocked, 'w') })).ok()).toBe(true);
  writeFileSync(blocked, 'a file where a folder should be\n');
  await typeInTerminal(page, 'exit');
  await expect(notice).toContainText('The shell exited');
  await notice.getByRole('button', { name: 'Start a new shell' }).click();

  await expect(notice).toBeVisible();
  await expect(notice).toContainText(`The shell could not start: the workspace folder ${join(blocked, 'w')} cannot be made (a file is in the way); choose another in Settings`);
  await expect(pane).toHaveAttribute('data-status', 'failed');

  rmSync(parent, { recursive: true, force: true });
  expect((await saveSettings({})).ok()).toBe(true);
  await notice.getByRole('button', { name: 'Start a new shell' }).click();
  await waitForPrompt(page);
  await expect(notice).toBeHidden();
  await typeInTerminal(page, 'echo started-$((20+1)) in $PWD');
  await expect(rows(page)).toContainText(/started-21 in \/.*ecs-workbook/);
});
