/**
 * Readable commands (issue 15, item 3): a long command wraps at spaces under a continuation mark
 * instead of running off sideways, Copy and Run sit beside the code and never on it, and the
 * wrapped command still copies and runs as the one command it is.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { rows, waitForPrompt } from './terminal-page.ts';

interface Box { x: number; y: number; width: number; height: number }
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** For every command block: does its code scroll sideways, and do its buttons cover any of its text? */
async function measureBlocks(page: Page) {
  return page.locator('[data-command]').evaluateAll((figures) =>
    figures.map((figure) => {
      const pre = figure.querySelector('pre')!;
      const range = document.createRange();
      range.selectNodeContents(pre.querySelector('code')!);
      const text = [...range.getClientRects()].filter((rect) => rect.width > 0).map(({ x, y, width, height }) => ({ x, y, width, height }));
      const buttons = [...figure.querySelectorAll('.actions button')].map((button) => {
        const { x, y, width, height } = button.getBoundingClientRect();
        return { x, y, width, height };
      });
      const { x, y, width, height } = pre.getBoundingClientRect();
      return { command: pre.textContent!.slice(0, 60), scrollsSideways: pre.scrollWidth > pre.clientWidth + 1, text, buttons, pre: { x, y, width, height } };
    }),
  );
}

async function expectReadable(page: Page) {
  const blocks = await measureBlocks(page);
  expect(blocks.length).toBeGreaterThan(3);
  for (const block of blocks) {
    expect(block.scrollsSideways, `"${block.command}" scrolls sideways`).toBe(false);
    for (const button of block.buttons) {
      expect(overlaps(button, block.pre), `a button covers "${block.command}"`).toBe(false);
      for (const rect of block.text) expect(overlaps(button, rect), `a button covers text of "${block.command}"`).toBe(false);
    }
  }
}

test('at 1440 px every command of the network lesson is read whole: wrapped under a mark, buttons clear of it', async ({ page, context }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/en/network/');
  await expectReadable(page);
  // The longest one-line command wraps onto several rows, each after the first under a mark.
  // Of the commands on show (the look-yourself ones under each Check are folded away).
  const longest = await page.locator('[data-command] pre .line').filter({ visible: true }).evaluateAll((lines) => {
    const line = lines.reduce((a, b) => ((b.textContent ?? '').length > (a.textContent ?? '').length ? b : a));
    line.setAttribute('data-longest', '');
    const lineHeight = parseFloat(getComputedStyle(line).lineHeight);
    return { text: line.textContent!, rows: Math.round(line.getBoundingClientRect().height / lineHeight), mark: parseFloat(getComputedStyle(line, '::before').height) / lineHeight };
  });
  expect(longest.rows).toBeGreaterThan(1);
  expect(longest.mark).toBeCloseTo(longest.rows - 1, 0);
  // Copy gives the command as written: no break the wrapping made.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const figure = page.locator('[data-command]').filter({ has: page.locator('[data-longest]') });
  const code = (await figure.locator('pre code').textContent())!.replace(/\n+$/, '');
  await figure.getByRole('button', { name: 'Copy' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  expect(code).toContain(longest.text);
});

test('on a phone a wrapped command still runs as one command', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/en/dockerfile/');
  await expectReadable(page);
  const block = page.locator('[data-command]').filter({ hasText: /^mkdir -p .* && cd / });
  const line = block.locator('pre .line');
  const lineHeight = await line.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
  expect((await line.boundingBox())!.height).toBeGreaterThan(1.5 * lineHeight);
  const command = (await block.locator('pre code').textContent())!.trim();
  await block.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForPrompt(page);
  await expect(rows(page)).toContainText(command);
  // One command, not two half-lines: the shell went on to the folder, and no "> " continuation is waiting.
  await page.getByRole('tab', { name: 'Lesson' }).click();
  await page.evaluate(() => window.dispatchEvent(new CustomEvent('workbook:run', { detail: { command: 'echo "in=$(basename "$PWD")"' } })));
  await expect(rows(page)).toContainText('in=ecs-workbook');
});
