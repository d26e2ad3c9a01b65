import { existsSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

test('the home page lists the lessons in order with duration and summary', async ({ page, request }) => {
  // GET / answers 200 itself (no redirect) and lists the starter lesson.
  const home = await request.get('/', { maxRedirects: 0 });
  expect(home.status()).toBe(200);
  expect(await home.text()).toContain('Before you start');
  await page.goto('/');
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  const first = page.locator('.lesson-card').first();
  await expect(first.getByRole('link', { name: 'Before you start' })).toBeVisible();
  await expect(first).toContainText('10 min');
  await expect(first).toContainText('What this workbook is');
  await expect(page.locator('[data-course-progress]')).toHaveText(/^0 of \d+ steps passed$/);
});

test('a lesson renders its MDX with highlighted code, steps and a terminal pane', async ({ page }) => {
  await page.goto('/en/');
  await page.getByRole('link', { name: 'Before you start' }).first().click();
  await expect(page).toHaveURL(/\/en\/before-you-start\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Before you start' })).toBeVisible();
  // Shiki colours each token with inline styles for the light and the dark theme.
  const token = page.locator('.command pre.astro-code span[style*="--shiki-dark"]').first();
  await expect(token).toBeVisible();
  await expect(page.getByRole('heading', { name: /Step 1: Docker runs on your machine/ })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: 'Docker runs on your machine' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Terminal' })).toBeVisible();
});

test('the home page at / speaks the browser\'s language, and its switch leads to /en/ and /ja/', async ({ page, request }) => {
  const japanese = await request.get('/', { headers: { 'accept-language': 'ja,en;q=0.5' }, maxRedirects: 0 });
  expect(japanese.status()).toBe(200);
  expect(await japanese.text()).toContain('<html lang="ja"');
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '日本語' }).click();
  await expect(page).toHaveURL(/\/ja\/$/);
  // The switch is labelled in the page's language: 言語 on the Japanese page.
  await page.locator('nav.language-switch').getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/$/);
});

test('Copy puts the command on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/en/before-you-start/');
  const block = page.locator('[data-command]').filter({ hasText: 'docker version' });
  await block.getByRole('button', { name: 'Copy' }).click();
  await expect(block.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('docker version');
});

test('the CLI and console paths are tabs, and the choice is remembered', async ({ page }) => {
  await page.goto('/en/before-you-start/');
  const tabs = page.locator('[data-tabs]').first();
  await expect(tabs.getByRole('tab', { name: 'AWS CLI' })).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.getByText('aws sts get-caller-identity')).toBeVisible();
  await tabs.getByRole('tab', { name: 'AWS console' }).click();
  await expect(tabs.getByText('aws sts get-caller-identity')).toBeHidden();
  await page.reload();
  await expect(page.locator('[data-tabs]').first().getByRole('tab', { name: 'AWS console' })).toHaveAttribute('aria-selected', 'true');
});

test('the language switch keeps the page, and a missing translation says it is shown in English', async ({ page }) => {
  await page.goto('/en/before-you-start/');
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '日本語' }).click();
  await expect(page).toHaveURL(/\/ja\/before-you-start\/$/);
  // The notice shows only while the lesson has no Japanese text (lessons/<nn>-<slug>/ja.mdx).
  if (existsSync('lessons/00-before-you-start/ja.mdx')) await expect(page.getByRole('note')).toHaveCount(0);
  else await expect(page.getByRole('note')).toHaveText('このレッスンはまだ日本語に翻訳されていないため、英語で表示しています。');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('link', { name: 'ECS ワークブック' })).toBeVisible();
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/before-you-start\/$/);
  await expect(page.getByRole('note')).toHaveCount(0);
});

test('an unknown page answers 404 with a link home', async ({ page }) => {
  const response = await page.goto('/en/no-such-lesson/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the list of lessons' }).click();
  await expect(page).toHaveURL(/\/en\/$/);
});

test('on a narrow screen the lesson and the terminal are two views, the lesson first', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/en/before-you-start/');
  await expect(page.locator('main.lesson')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Terminal' })).toBeHidden();
  await page.getByRole('tab', { name: 'Terminal' }).click();
  const terminal = await page.getByRole('complementary', { name: 'Terminal' }).boundingBox();
  expect(terminal!.width).toBeGreaterThan(350);
});

test('a page asked for under a foreign Host name is refused (DNS rebinding)', async ({ request, baseURL }) => {
  const port = new URL(baseURL!).port;
  const response = await request.get('/en/', { headers: { host: `rebind.example:${port}` } });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain(`http://127.0.0.1:${port}/`);
});

test('pages and built assets forbid framing, and a malformed address answers 400 (npm start)', async ({ page, request }) => {
  const response = await page.goto('/en/before-you-start/');
  expect(response?.headers()['content-security-policy']).toBe("frame-ancestors 'none'");
  expect(response?.headers()['x-frame-options']).toBe('DENY');
  const asset = await request.get((await page.locator('link[rel="stylesheet"], script[src]').first().evaluate((el) => (el as HTMLLinkElement).href || (el as HTMLScriptElement).src)) as string);
  expect(asset.headers()['x-content-type-options']).toBe('nosniff');
  expect(asset.headers()['referrer-policy']).toBe('no-referrer');
  const malformed = await request.get('/%E0%A4%A', { timeout: 5_000 });
  expect(malformed.status()).toBe(400);
  expect(await malformed.text()).toContain('is not valid');
});
