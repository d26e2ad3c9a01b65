import { e2eSignInToken, expect, test } from './fixtures.ts';

// A browser that has not opened the printed sign-in link: another local user or process, or the
// learner's own browser before they open the link.
test.use({ signedIn: false });

const secretIn = (html: string) => /"secret":"([^"]*)"/.exec(html)?.[1];

test('opening the sign-in link signs the browser in: the fragment is gone and the terminal works', async ({ page, request }) => {
  await page.goto(`/en/before-you-start/#sign-in=${e2eSignInToken}`);
  await expect(page.locator('[data-terminal-pane]')).toHaveAttribute('data-status', 'live');
  // The token is gone from the address bar (and so from history and bookmarks).
  expect(page.url()).toMatch(/\/en\/before-you-start\/$/);
  await page.locator('[data-terminal-pane] .xterm').click();
  await page.keyboard.type('echo signed-in-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-terminal-pane] .xterm-rows')).toContainText('signed-in-42');
  await expect(page.locator('[data-check-run]').first()).toBeEnabled();

  // The page of the signed-in browser carries the launch secret; the same page fetched without the
  // session cookie (any local process with curl) does not.
  const secret = secretIn(await (await page.request.get('/en/before-you-start/')).text());
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const stranger = await (await request.get('/en/before-you-start/')).text();
  expect(stranger).toContain('Before you start');
  expect(stranger).not.toContain(secret!);
  expect(secretIn(stranger)).toBe('');
});

test('without signing in, the lesson renders and the terminal and Check say to open the printed link', async ({ page }) => {
  await page.goto('/en/before-you-start/');
  await expect(page.getByRole('heading', { level: 1, name: 'Before you start' })).toBeVisible();
  const pane = page.getByRole('complementary', { name: 'Terminal' });
  await expect(pane).toContainText('This browser is not signed in to the workbook, so the terminal is off. Open the link that npm start printed');
  await expect(pane.locator('.xterm')).toHaveCount(0);
  const check = page.locator('[data-check]').first();
  await expect(check.locator('[data-check-run]')).toBeDisabled();
  await expect(check).toContainText('Checks need a signed-in browser: open the link that npm start printed (it ends in #sign-in=…).');

  await page.goto('/ja/before-you-start/');
  await expect(page.getByRole('complementary', { name: 'ターミナル' })).toContainText('このブラウザーはワークブックにサインインしていないため');
});

test('a wrong sign-in link is refused: the page stays signed out', async ({ page }) => {
  await page.goto(`/en/before-you-start/#sign-in=${'x'.repeat(43)}`);
  await expect(page.locator('html')).toHaveAttribute('data-sign-in-failed', '');
  expect(page.url()).toMatch(/\/en\/before-you-start\/$/);
  await expect(page.getByRole('complementary', { name: 'Terminal' })).toContainText('This browser is not signed in');
});
