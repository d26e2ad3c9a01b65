/** The 404 page names the address the reader asked for, in their language, as text and never as markup. */
import { expect, test } from './fixtures.ts';

test('the 404 page names the path that was asked for', async ({ page }) => {
  const response = await page.goto('/en/no-such-lesson/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('main')).toContainText('There is no page at /en/no-such-lesson/. The lesson may have moved, or the address has a typo.');
});

test('under /ja/ the 404 page names the path in Japanese', async ({ page }) => {
  const response = await page.goto('/ja/レッスン/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('main')).toContainText('/ja/レッスン/ にはページがありません。');
});

test('a path that looks like markup is shown as text, not run as markup', async ({ page }) => {
  const response = await page.goto('/en/"><b id="injected">bold</b>');
  expect(response?.status()).toBe(404);
  await expect(page.locator('#injected')).toHaveCount(0);
  await expect(page.getByRole('main')).toContainText('There is no page at /en/"><b id="injected">bold</b>/.');
});
