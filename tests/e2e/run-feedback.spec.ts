/**
 * Feedback from Run (issue 15, item 4): Run says it sent the command; when the shell is busy, in a
 * full-screen program or at a continuation prompt it types nothing and says so, offering Ctrl-C
 * where that helps; and "New shell" is always there to end a shell that is stuck.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { rows, typeInTerminal, waitForPrompt } from './terminal-page.ts';

test.use({ viewport: { width: 1440, height: 900 } });

const dockerVersion = (page: Page) => page.locator('[data-command]').filter({ hasText: 'docker version' });

/** Connected and at a prompt (a busy machine may take a while to open the shell). */
async function live(page: Page) {
  await expect(page.locator('[data-terminal-pane]')).toHaveAttribute('data-status', 'live', { timeout: 30_000 });
  await waitForPrompt(page);
}

/** Each test starts from a new shell (the last one may have left a pager or a "> " prompt) and an empty screen. */
async function freshScreen(page: Page) {
  await page.goto('/en/before-you-start/');
  await expect(page.locator('[data-terminal-pane]')).toHaveAttribute('data-status', 'live', { timeout: 30_000 });
  await newShell(page);
}

/** Presses New shell and waits until the pane has reconnected to the new one. */
async function newShell(page: Page) {
  await page.evaluate(() => {
    const pane = document.querySelector<HTMLElement>('[data-terminal-pane]')!;
    const seen: string[] = [];
    (window as unknown as { statuses: string[] }).statuses = seen;
    new MutationObserver(() => seen.push(pane.dataset.status ?? '')).observe(pane, { attributes: true, attributeFilter: ['data-status'] });
  });
  await page.getByRole('button', { name: 'New shell' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { statuses: string[] }).statuses.join(' ')), { timeout: 30_000 }).toMatch(/connecting.* live/);
  await live(page);
}

test('Run says the command was sent', async ({ page }) => {
  await freshScreen(page);
  await dockerVersion(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dockerVersion(page).getByRole('status')).toHaveText(/^Sent to the terminal\./);
  await expect(rows(page)).toContainText('docker version');
});

test('while a command runs, Run waits for the learner: it says so, and "Stop it and run" sends Ctrl-C first', async ({ page }) => {
  await freshScreen(page);
  await typeInTerminal(page, 'sleep 30; echo sleep-$((2+3))-ended');
  const block = dockerVersion(page);
  await expect(async () => {
    await block.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(block.getByRole('status')).toContainText('Not run: a command is still running in the terminal.', { timeout: 500 });
  }).toPass();
  await expect(rows(page)).not.toContainText('docker version');
  await block.getByRole('button', { name: 'Stop it and run' }).click();
  await expect(rows(page)).toContainText('docker version');
  await expect(block.getByRole('status')).toContainText('Stopped what was running and sent this command.');
  // The sleep was interrupted, not waited for.
  await expect(rows(page)).not.toContainText('sleep-5-ended');
});

test('at a continuation prompt Run does not add to the unfinished command; "Cancel it and run" does it cleanly', async ({ page }) => {
  await freshScreen(page);
  await typeInTerminal(page, 'echo "unfinished');
  await expect(rows(page)).toContainText(/unfinished>\s*$/);
  const block = dockerVersion(page);
  await block.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(block.getByRole('status')).toContainText('Not run: the shell is waiting for the rest of an unfinished command (the > prompt).');
  await block.getByRole('button', { name: 'Cancel it and run' }).click();
  await expect(rows(page)).toContainText(/[$#] docker version/);
  await expect(rows(page)).not.toContainText('unfinished docker version');
});

test('in a pager Run says to leave it first; after q it runs', async ({ page }) => {
  await freshScreen(page);
  await typeInTerminal(page, 'seq 1 500 | less');
  await expect(rows(page)).toContainText('1');
  const block = dockerVersion(page);
  await expect(async () => {
    await block.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(block.getByRole('status')).toContainText('Not run: a full-screen program (a pager or an editor) is open in the terminal.', { timeout: 500 });
  }).toPass();
  // Ctrl-C does not close a pager: no button pretends it does.
  await expect(block.getByRole('button', { name: /and run/ })).toHaveCount(0);
  await page.locator('[data-terminal-pane] .xterm').click();
  await page.keyboard.press('q');
  await expect(async () => {
    await block.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(block.getByRole('status')).toHaveText(/^Sent to the terminal\./, { timeout: 500 });
  }).toPass();
  await expect(rows(page)).toContainText('docker version');
});

test('New shell ends a shell stuck in a program and starts a fresh one', async ({ page }) => {
  await freshScreen(page);
  await typeInTerminal(page, 'MARK=old-shell; trap "" INT; echo stuck-$((3+4)); sleep 300');
  await expect(rows(page)).toContainText('stuck-7');
  // Ctrl-C cannot end it: SIGINT is ignored.
  await page.keyboard.press('Control+c');
  await expect(page.getByRole('button', { name: 'New shell' })).toBeVisible();
  await newShell(page);
  await typeInTerminal(page, 'echo "mark=${MARK:-none}"');
  await expect(rows(page)).toContainText('mark=none');
});
