import { expect, test } from './fixtures.ts';
import { rows, typeInTerminal, waitForPrompt } from './terminal-page.ts';

test('a command typed into the terminal runs, and a reload shows the same shell and screen', async ({ page }) => {
  await page.goto('/en/before-you-start/');
  await waitForPrompt(page);
  await typeInTerminal(page, 'echo hello from $((40+2))');
  // The arithmetic proves the shell ran it; the echo of the typed line alone would not say 42.
  await expect(rows(page)).toContainText('hello from 42');

  await page.reload();
  await waitForPrompt(page);
  await expect(rows(page)).toContainText('hello from 42');
  // Still the same live shell: a variable set before the reload is still there.
  await typeInTerminal(page, 'MARK=still-$((1+1)); echo $MARK');
  await expect(rows(page)).toContainText('still-2');
  await page.reload();
  await waitForPrompt(page);
  await typeInTerminal(page, 'echo "$MARK-after"');
  await expect(rows(page)).toContainText('still-2-after');
});

test('the Run button of a Command block types the command into the terminal', async ({ page }) => {
  await page.goto('/en/before-you-start/');
  await waitForPrompt(page);
  await typeInTerminal(page, 'clear');
  // A block made like Command's own Run button: the same event with the same detail.
  await page.evaluate(() => window.dispatchEvent(new CustomEvent('workbook:run', { detail: { command: 'echo ran-$((2*21))', interrupt: false } })));
  await expect(rows(page)).toContainText('ran-42');
  // And the page's real Run button on a real Command block.
  const block = page.locator('[data-command]').filter({ hasText: 'docker version' });
  await block.getByRole('button', { name: 'Run' }).click();
  await expect(rows(page)).toContainText(/docker version/);
  await expect(page.locator('[data-terminal-pane] .xterm-helper-textarea')).toBeFocused();
});

test('Run with interrupt stops the running command first', async ({ page }) => {
  await page.goto('/en/before-you-start/');
  await waitForPrompt(page);
  await typeInTerminal(page, 'sleep 30');
  await page.evaluate(() => window.dispatchEvent(new CustomEvent('workbook:run', { detail: { command: 'echo after-$((3*3))', interrupt: true } })));
  await expect(rows(page)).toContainText('after-9', { timeout: 5_000 });
});

test('resizing the pane refits the terminal and the prompt still works', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/en/before-you-start/');
  await waitForPrompt(page);
  const pane = page.locator('[data-terminal-pane]');
  const columns = async (label: string) => {
    await typeInTerminal(page, `echo ${label}=$(tput cols)`);
    await expect(rows(page)).toContainText(new RegExp(`${label}=\\d+`));
    const all = [...(await rows(page).innerText()).matchAll(new RegExp(`${label}=(\\d+)`, 'g'))];
    return Number(all.at(-1)![1]);
  };
  const before = (await pane.boundingBox())!;
  const colsBefore = await columns('narrow');
  const grip = (await page.locator('[data-terminal-handle]').boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + 200);
  await page.mouse.down();
  await page.mouse.move(grip.x - 200, grip.y + 200, { steps: 5 });
  await page.mouse.up();
  const after = (await pane.boundingBox())!;
  expect(after.width).toBeGreaterThan(before.width + 150);
  // The shell learns the new width (tput asks the pty), and the prompt still takes commands.
  await expect.poll(() => columns('wide')).toBeGreaterThan(colsBefore + 15);
  await typeInTerminal(page, 'echo wide-$((5+5))');
  await expect(rows(page)).toContainText('wide-10');

  // The size is remembered across a reload.
  await page.reload();
  await waitForPrompt(page);
  expect(Math.abs((await pane.boundingBox())!.width - after.width)).toBeLessThan(4);

  // Collapsing leaves the lesson the room; showing it again brings the same shell back.
  await page.getByRole('button', { name: 'Hide' }).click();
  expect((await pane.boundingBox())!.width).toBeLessThan(60);
  await page.getByRole('button', { name: 'Show terminal' }).click();
  await typeInTerminal(page, 'echo back-$((6+6))');
  await expect(rows(page)).toContainText('back-12');
});
