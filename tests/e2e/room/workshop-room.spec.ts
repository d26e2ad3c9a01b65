/**
 * The instructor's room in a real workshop: `ecs-workbook workshop --json` (its own server, data
 * folder and sandboxes on the Docker engine), an instructor signed in with the printed link, and
 * two learners who join with the event code, each with a shell in their own sandbox. Three browser
 * contexts at once: the grid follows a learner's Check, the instructor watches a learner's terminal
 * and cannot type into it, and takes control only once the learner allows it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createDockerSandboxProvider } from '../../../src/sandbox/docker-provider.ts';
import { openWorkshopRoster } from '../../../src/workshop/workshop-roster.ts';

const port = Number(process.env.E2E_PORT ?? 4399) + 3;
// Made in beforeAll: the runner also loads this file to list its tests, and would leave one behind.
let dataDir = '';
let server: ChildProcess | undefined;
let ready: { joinUrl: string; eventCode: string; instructorUrl: string };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(20 * 60_000);
  dataDir = mkdtempSync(join(tmpdir(), 'wb-e2e-room-workshop-'));
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
  server = spawn(node, ['bin/ecs-workbook.mjs', 'workshop', '--json', '--port', String(port), '--data-dir', dataDir, '--learners', '2', '--warm', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  ready = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: server!.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line) as typeof ready));
    server!.once('exit', (code) => reject(new Error(`ecs-workbook workshop exited with ${code}:\n${stderr}`)));
  });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  if (server && server.exitCode === null) {
    const gone = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await gone;
  }
  if (!dataDir) return;
  // Stopping the server keeps sandboxes for a restart; the test removes what its workshop made.
  const roster = openWorkshopRoster(dataDir);
  const provider = await createDockerSandboxProvider({ workshop: roster.identity.id, image: 'ecs-workbook-sandbox:latest' });
  roster.close();
  await provider.shutdown();
  rmSync(dataDir, { recursive: true, force: true });
});

const terminalRows = (page: Page) => page.locator('[data-terminal-pane] .xterm-rows');
async function typeInLearnerTerminal(page: Page, text: string) {
  await page.locator('[data-terminal-pane] .xterm').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function joinAs(browser: Browser, name: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(ready.joinUrl);
  await page.getByLabel('Event code').fill(ready.eventCode);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('link', { name: 'Start the course' }).click();
  await page.getByRole('link', { name: /Start with/ }).click();
  return page;
}

test('three browsers: the grid follows a Check, the instructor watches a sandbox terminal read-only, and takes control only once the learner allows it', async ({ browser }) => {
  test.setTimeout(10 * 60_000);
  const teacher = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const signedIn = teacher.waitForResponse((response) => response.url().endsWith('/api/session'));
  await teacher.goto(ready.instructorUrl);
  expect((await signedIn).ok()).toBe(true);
  const ana = await joinAs(browser, 'Ana');
  const ben = await joinAs(browser, 'Ben');
  for (const page of [ana, ben]) await expect(page.locator('[data-terminal-pane]')).toHaveAttribute('data-status', 'live', { timeout: 180_000 });

  await teacher.goto(`${new URL(ready.instructorUrl).origin}/instructor`);
  await expect(teacher.locator('[data-room-live]')).toHaveText('Live: updates as learners run Checks');
  const anaRow = teacher.locator('room-grid tbody tr', { has: teacher.getByRole('button', { name: 'Ana', exact: true }) });
  await expect(teacher.locator('room-grid tbody tr')).toHaveCount(2);
  const anaDocker = anaRow.locator('button[data-step="setup/docker"]');
  await expect(anaDocker).toHaveAttribute('data-status', 'not-started');

  // Ana's Check: her cell follows within a second of the result; Ben's does not move.
  await ana.locator('[data-check="setup/docker"]').getByRole('button', { name: 'Check' }).click();
  const result = ana.locator('[data-check="setup/docker"] [data-check-result]');
  await expect(result).toHaveAttribute('data-status', /pass|fail|error/, { timeout: 60_000 });
  await expect(anaDocker).toHaveAttribute('data-status', (await result.getAttribute('data-status'))!, { timeout: 1_000 });
  const benRow = teacher.locator('room-grid tbody tr', { has: teacher.getByRole('button', { name: 'Ben', exact: true }) });
  await expect(benRow.locator('button[data-step="setup/docker"]')).toHaveAttribute('data-status', 'not-started');

  // Ana's terminal, live, in the instructor's room.
  await anaRow.getByRole('button', { name: 'Ana', exact: true }).click();
  const panel = teacher.locator('learner-panel');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Ana');
  await expect(panel.locator('[data-watch-status]')).toHaveText('Watching live. Typing here has no effect.', { timeout: 30_000 });
  await typeInLearnerTerminal(ana, 'echo "in-sandbox-$(whoami)-$((6*7))"');
  await expect(panel.locator('.xterm-rows')).toContainText('in-sandbox-learner-42', { timeout: 20_000 });

  let sentinel = 0;
  const instructorTypes = async (marker: string) => {
    await panel.locator('.xterm').click();
    await teacher.keyboard.type(`echo "${marker}-$((3+4))"`);
    await teacher.keyboard.press('Enter');
    await teacher.waitForTimeout(300);
    sentinel += 1;
    await typeInLearnerTerminal(ana, `echo "sentinel-${sentinel}-$((1+1))"`);
    await expect(terminalRows(ana)).toContainText(`sentinel-${sentinel}-2`, { timeout: 20_000 });
    return (await terminalRows(ana).textContent())!.includes(`${marker}-7`);
  };
  expect(await instructorTypes('watching')).toBe(false);

  await panel.getByRole('button', { name: 'Take control' }).click();
  const prompt = ana.locator('[data-control-ask]');
  await expect(prompt).toBeVisible();
  await expect(ben.locator('[data-control-ask]')).toBeHidden();
  expect(await instructorTypes('asked')).toBe(false);
  await prompt.getByRole('button', { name: 'Allow' }).click();
  const banner = ana.locator('[data-control-banner]');
  await expect(banner).toBeVisible();
  await expect(panel.locator('[data-control-status]')).toHaveText('You control Ana’s terminal: your typing goes to their shell.');
  expect(await instructorTypes('controlling')).toBe(true);
  await banner.getByRole('button', { name: 'End control' }).click();
  await expect(banner).toBeHidden();
  expect(await instructorTypes('ended')).toBe(false);
});
