/** The terminal pane as a learner uses it in the browser tests: what it shows, typing into it, its prompt. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

// The pane's rows as xterm's DOM renderer draws them: what a learner (and a screen reader) sees.
export const rows = (page: Page) => page.locator('[data-terminal-pane] .xterm-rows');

export async function typeInTerminal(page: Page, text: string) {
  await page.locator('[data-terminal-pane] .xterm').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

export async function waitForPrompt(page: Page) {
  await expect(page.locator('[data-terminal-pane]')).toHaveAttribute('data-status', 'live');
  // bash's prompt ends with "$ " or "# ".
  await expect(rows(page)).toContainText(/[$#]/);
}
