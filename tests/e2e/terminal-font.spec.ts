/**
 * The terminal font (issue 15, item 5): underscores stay visible at the default size on a 1×
 * screen. At xterm's default line height a 14 px row cut them off ($VPC_ID read as "$VPC ID"), so
 * this draws `___` and counts the lit pixels of the row it is drawn in.
 */
import { expect, test } from './fixtures.ts';
import { rows, typeInTerminal, waitForPrompt } from './terminal-page.ts';

test.use({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });

test('underscores are drawn at the default size on a 1× screen', async ({ page }) => {
  await page.goto('/en/before-you-start/');
  await waitForPrompt(page);
  // The default size: nothing remembered from A−/A+ in this fresh browser.
  expect(await page.evaluate(() => localStorage.getItem('workbook.terminal.fontSize'))).toBeNull();
  await typeInTerminal(page, 'clear; echo ___');
  const row = page.locator('[data-terminal-pane] .xterm-rows > div').filter({ hasText: /^_{3}\s*$/ });
  await expect(row).toHaveCount(1);
  await expect(rows(page)).toContainText('___');
  const shot = await row.screenshot();
  // Decoded by the browser itself: the lit pixels (the terminal's text colour on its dark background).
  const lit = await page.evaluate(async (png) => {
    const image = new Image();
    image.src = `data:image/png;base64,${png}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    let count = 0;
    for (let at = 0; at < data.length; at += 4) if (data[at]! + data[at + 1]! + data[at + 2]! > 3 * 128) count++;
    return count;
  }, shot.toString('base64'));
  // Three underscores of a 14 px font are about 24 px wide and at least one pixel high.
  expect(lit).toBeGreaterThanOrEqual(15);
});
