/**
 * Phones and tablets (issue 15, item 2): under 1000 px the lesson and the terminal are two tabs,
 * Run switches to the terminal with the command on screen, the lesson list starts folded, and at
 * 1024 px the lesson keeps a column of 560 px or more beside the terminal.
 */
import { expect, test } from './fixtures.ts';
import { rows } from './terminal-page.ts';

test.describe('a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true });

  test('the lesson comes first, Run shows the terminal with the command in it, and the lesson is where it was', async ({ page }) => {
    await page.goto('/en/before-you-start/');
    const tabs = page.getByRole('tablist', { name: 'Lesson or terminal' });
    const lessonTab = tabs.getByRole('tab', { name: 'Lesson' });
    const terminalTab = tabs.getByRole('tab', { name: 'Terminal' });
    await expect(lessonTab).toHaveAttribute('aria-selected', 'true');
    // The first screen is the lesson: the list of 13 lessons is folded, the title is in view.
    await expect(page.locator('.sidebar details')).not.toHaveAttribute('open', '');
    await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: 'Docker runs on your machine' })).toBeHidden();
    expect((await page.getByRole('heading', { level: 1 }).boundingBox())!.y).toBeLessThan(844 / 2);
    const terminal = page.getByRole('complementary', { name: 'Terminal' });
    await expect(terminal).toBeHidden();

    const block = page.locator('[data-command]').filter({ hasText: 'docker version' });
    const run = block.getByRole('button', { name: 'Run', exact: true });
    await run.scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(0);
    await run.tap();

    await expect(terminalTab).toHaveAttribute('aria-selected', 'true');
    await expect(terminal).toBeVisible();
    // A busy machine may take a while to start the shell: the command runs once it is there.
    await expect(rows(page)).toContainText('docker version', { timeout: 30_000 });
    // The terminal fills the screen above the tabs, and the row with the command is on it.
    const box = (await terminal.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(389);
    expect(box.height).toBeGreaterThan(600);
    const commandRow = page.locator('[data-terminal-pane] .xterm-rows > div').filter({ hasText: 'docker version' }).last();
    const row = (await commandRow.boundingBox())!;
    expect(row.y).toBeGreaterThanOrEqual(box.y);
    expect(row.y + row.height).toBeLessThanOrEqual(box.y + box.height);
    // The lesson behind it can be neither tabbed into nor read.
    await expect(page.locator('main.lesson')).toHaveJSProperty('inert', true);

    await lessonTab.tap();
    await expect(terminal).toBeHidden();
    await expect(page.locator('main.lesson')).toHaveJSProperty('inert', false);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    await expect(run).toBeInViewport();
    await expect(block.getByRole('status')).toContainText('Sent to the terminal.');
  });

  test('a keyboard user who presses Run lands on the Terminal tab, not on a hidden button', async ({ page }) => {
    await page.goto('/en/before-you-start/');
    const run = page.locator('[data-command]').filter({ hasText: 'docker version' }).getByRole('button', { name: 'Run', exact: true });
    await run.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: 'Terminal' })).toBeFocused();
    // Arrow keys move between the two tabs, as in any tab list.
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('tab', { name: 'Lesson' })).toBeFocused();
    await expect(page.getByRole('complementary', { name: 'Terminal' })).toBeHidden();
  });
});

test('a tablet at 1024 px: the lesson column is 560 px or more, beside the terminal, under a folded lesson list', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/en/network/');
  const lesson = (await page.locator('main.lesson').boundingBox())!;
  const terminal = (await page.getByRole('complementary', { name: 'Terminal' }).boundingBox())!;
  expect(lesson.width).toBeGreaterThanOrEqual(560);
  expect(terminal.x).toBeGreaterThanOrEqual(lesson.x + lesson.width - 1);
  expect(terminal.width).toBeGreaterThanOrEqual(350);
  await expect(page.getByRole('tablist', { name: 'Lesson or terminal' })).toBeHidden();
  // Folded, and a click away.
  const list = page.locator('.sidebar details');
  await expect(list).not.toHaveAttribute('open', '');
  await page.locator('.sidebar summary').click();
  await expect(page.locator('.sidebar ol a').first()).toBeVisible();
  // The pane cannot be dragged wider than leaves the lesson its 560 px.
  await page.evaluate(() => localStorage.setItem('workbook.terminal.width', '900'));
  await page.reload();
  expect((await page.locator('main.lesson').boundingBox())!.width).toBeGreaterThanOrEqual(560);
});
