/** The terminal's status line: words while there is something to say, and nothing drawn once the shell is live. */
import { expect, test } from './fixtures.ts';
import { waitForPrompt } from './terminal-page.ts';

test('a live shell has an empty status, which draws no empty bordered box', async ({ page }) => {
  await page.goto('/en/before-you-start/');
  await waitForPrompt(page);
  const status = page.locator('[data-terminal-status]');
  await expect(status).toHaveText('');
  const drawn = await status.evaluate((node) => {
    const style = getComputedStyle(node);
    return { border: [style.borderTopWidth, style.borderRightWidth, style.borderBottomWidth, style.borderLeftWidth], padding: [style.paddingLeft, style.paddingRight] };
  });
  expect(drawn).toEqual({ border: ['0px', '0px', '0px', '0px'], padding: ['0px', '0px'] });
});
