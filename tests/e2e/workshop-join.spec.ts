/**
 * A workshop as learners meet it in the browser: the instructor's `ecs-workbook workshop --json`
 * (its own server, its own data folder, one place), a learner who joins with the event code and
 * runs a command in the terminal of their own sandbox, a wrong code, and a second learner who is
 * told the workshop is full. Uses the real Docker engine and the sandbox image.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createDockerSandboxProvider } from '../../src/sandbox/docker-provider.ts';
import { openWorkshopRoster } from '../../src/workshop/workshop-roster.ts';
import { rows, typeInTerminal } from './terminal-page.ts';

// 4411 beside the default E2E_PORT (4399); beside one's own port when several suites run at once.
const port = Number(process.env.E2E_PORT ?? 4399) + 12;
const dataDir = mkdtempSync(join(tmpdir(), 'wb-e2e-workshop-'));
let server: ChildProcess | undefined;
let ready: { joinUrl: string; eventCode: string; instructorUrl: string };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // The first run on a machine may build the sandbox image.
  test.setTimeout(20 * 60_000);
  const node = existsSync('node_modules/.bin/node') ? 'node_modules/.bin/node' : process.execPath;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    // No AWS traffic may leave loopback.
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  server = spawn(node, ['bin/ecs-workbook.mjs', 'workshop', '--json', '--port', String(port), '--data-dir', dataDir, '--learners', '1', '--warm', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  ready = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: server!.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line) as typeof ready));
    server!.once('exit', (code) => reject(new Error(`ecs-workbook workshop exited with ${code}:\n${stderr}`)));
  });
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await new Promise((resolve) => (server?.exitCode !== null ? resolve(undefined) : server.once('exit', resolve)));
  // Stopping the server keeps sandboxes for a restart; the test removes what its workshop made.
  const roster = openWorkshopRoster(dataDir);
  const provider = await createDockerSandboxProvider({ workshop: roster.identity.id, image: 'ecs-workbook-sandbox:latest' });
  roster.close();
  await provider.shutdown();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the server prints a join address, an event code and the instructor’s link', () => {
  expect(ready.joinUrl).toBe(`http://127.0.0.1:${port}/join`);
  expect(ready.eventCode).toMatch(/^[CDFGHJKMNPQRTVWXY34679]{3}-[CDFGHJKMNPQRTVWXY34679]{3}$/);
  expect(ready.instructorUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/en/#sign-in=`));
});

test('a wrong event code gets a clear message, and the form keeps what was typed', async ({ page }) => {
  await page.goto(ready.joinUrl);
  await page.getByLabel('Event code').fill('CCC-CCC');
  await page.getByLabel('Your name').fill('Ana');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('alert')).toHaveText('That event code is not this workshop’s. Check it against the code your instructor shows (codes of an earlier workshop no longer work), and type it again.');
  await expect(page.getByLabel('Your name')).toHaveValue('Ana');
  await expect(page.getByLabel('Event code')).toHaveAttribute('aria-invalid', 'true');
});

/** axe's findings as "rule: target", in light and (the colour rules) in dark. */
async function axeBothSchemes(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const builder = new AxeBuilder({ page });
    if (scheme === 'dark') builder.withRules(['color-contrast', 'link-in-text-block']);
    const { violations } = await builder.analyze();
    for (const violation of violations) for (const node of violation.nodes) found.push(`${scheme} ${page.url()} ${violation.id}: ${node.target.join(' ')}`);
  }
  return found;
}

test('axe finds nothing on the join page, in light and dark, in English and Japanese, with and without an error showing', async ({ page }) => {
  test.setTimeout(150_000);
  for (const path of ['/join', '/ja/join']) {
    await page.goto(ready.joinUrl.replace('/join', path));
    expect(await axeBothSchemes(page)).toEqual([]);
    const english = path === '/join';
    await page.getByLabel(english ? 'Event code' : 'イベントコード').fill('CCC-CCC');
    await page.getByLabel(english ? 'Your name' : 'あなたの名前').fill('Ana');
    await page.getByRole('button', { name: english ? 'Join' : '参加' }).click();
    await expect(page.getByRole('alert')).not.toBeEmpty();
    expect(await axeBothSchemes(page)).toEqual([]);
  }
});

test('a learner joins with the code and runs a command in the terminal of their own sandbox', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(ready.joinUrl);
  // Read aloud and typed loosely: lower case, a space instead of the dash.
  await page.getByLabel('Event code').fill(ready.eventCode.toLowerCase().replace('-', ' '));
  await page.getByLabel('Your name').fill('Ana');
  const joinedAt = Date.now();
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'You are in, Ana' })).toBeVisible();
  await expect(page.locator('[data-rejoin-link]')).toHaveValue(new RegExp(`^http://127\\.0\\.0\\.1:${port}/join#rejoin=`));
  await page.getByRole('link', { name: 'Start the course' }).click();
  await page.getByRole('link', { name: /Start with/ }).click();
  // A cold sandbox: created, started and its shell opened, on a machine that may be busy.
  await expect(page.locator('[data-terminal-pane]')).toHaveAttribute('data-status', 'live', { timeout: 120_000 });
  await expect(rows(page)).toContainText(/\$/, { timeout: 120_000 });
  console.log(`join → prompt in the browser (cold sandbox, no warm pool): ${((Date.now() - joinedAt) / 1000).toFixed(1)} s`);
  // The workbook server runs as root; the sandbox's shell is the learner's.
  await typeInTerminal(page, 'echo "sandbox-user=$(whoami) home=$HOME"');
  await expect(rows(page)).toContainText('sandbox-user=learner home=/home/learner', { timeout: 20_000 });
});

test('when every place is taken, a second learner is told the workshop is full and what to do', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(ready.joinUrl.replace('/join', '/ja/join'));
  await page.getByLabel('イベントコード').fill(ready.eventCode);
  await page.getByLabel('あなたの名前').fill('Ben');
  await page.getByRole('button', { name: '参加' }).click();
  await expect(page.getByRole('alert')).toContainText('このワークショップは満員です。1 人分の枠がすべて埋まっていて、順番待ちはないため、参加できませんでした。講師に伝えてください。');
  await context.close();
});
