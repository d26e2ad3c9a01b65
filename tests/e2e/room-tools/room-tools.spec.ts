/**
 * The room tools in three browsers at once, an instructor and two learners, against a server of its
 * own (serve-room-tools.ts): real pages, real local shells, one SQLite file. A raised hand (button
 * and `ecs-workbook hand` in the terminal) arrives with the failing Check attached; a broadcast
 * reaches both learners; the export holds both learners' rows; the panels are axe-clean.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openProgressStore } from '../../../src/progress/progress-store.ts';
import { course } from '../../../lessons/course.ts';

const port = Number(process.env.E2E_PORT ?? 4399) + 1;
const base = `http://127.0.0.1:${port}`;
const root = resolve('test-results/room-tools-e2e');
const dataDir = `${root}/data`;
const lesson = course.lessons[0]!.slug;
const roomPath = '/instructor';
let server: ChildProcess;
const contexts: BrowserContext[] = [];

/** Ana's Docker Check failed before class asks for help: that is what the instructor must see. */
function seedFailingCheck() {
  const store = openProgressStore(dataDir);
  store.forLearner('ana').record({
    step: 'setup/docker',
    result: {
      status: 'fail',
      summary: { key: 'setup.docker.summary.unreachable' },
      items: [{ id: 'engine', status: 'fail', label: { key: 'setup.docker.engine.label', params: { dockerHost: 'unix:///var/run/docker.sock' } }, hint: { key: 'setup.docker.engine.permission-hint' } }],
      resources: [],
    },
    snapshot: {},
    source: 'browser',
    durationMs: 5,
  });
  store.close();
}

test.beforeAll(async () => {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(`${root}/home`, { recursive: true });
  seedFailingCheck();
  const node = existsSync('node_modules/.bin/node') ? 'node_modules/.bin/node' : process.execPath;
  server = spawn(node, ['tests/e2e/room-tools/serve-room-tools.ts', String(port), dataDir], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: `${root}/home`,
      SHELL: '/bin/bash',
      // No AWS traffic leaves loopback.
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready, fail) => {
    server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ready());
    server.once('exit', (code) => fail(new Error(`the room tools' server exited with ${code}`)));
  });
});
test.afterAll(async () => {
  for (const context of contexts) await context.close();
  server?.kill('SIGTERM');
});

async function as(browser: Browser, who: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, colorScheme, acceptDownloads: true });
  contexts.push(context);
  await context.addCookies([{ name: 'who', value: who, url: base }]);
  return context.newPage();
}

// A busy machine (several suites at once) is slow to start shells and run axe: time for it.
test.describe.configure({ timeout: 360_000 });

test('a raised hand arrives in the room with the failing Check and the screen, and the learner sees the answer', async ({ browser }) => {
  const teacher = await as(browser, 'teacher');
  await teacher.goto(roomPath);
  const queue = teacher.locator('wb-hand-queue');
  await expect(queue.getByText('No hands raised.')).toBeVisible();

  const ana = await as(browser, 'ana');
  await ana.goto(`/en/${lesson}/`);
  const anaHand = ana.locator('wb-raise-hand');
  await anaHand.getByRole('button', { name: 'Raise hand' }).click();
  await expect(anaHand.getByRole('status')).toHaveText('Hand raised: you are number 1 in the queue.');
  await expect(anaHand.getByRole('button', { name: 'Lower hand' })).toHaveAttribute('aria-pressed', 'true');

  const anaItem = queue.locator('li.hand', { hasText: 'Ana Silva' });
  await expect(anaItem).toContainText('setup/docker');
  await expect(anaItem).toContainText('The Docker engine is not running, or the workbook cannot reach it.');
  await expect(anaItem).toContainText('The engine runs, but your user may not open its socket.');
  await expect(anaItem).toContainText('from the page');

  // Ben raises his hand in his terminal, with the real CLI; his screen comes along.
  const ben = await as(browser, 'ben');
  await ben.goto(`/en/${lesson}/`);
  await expect(ben.locator('[data-terminal-status]')).toHaveText('', { timeout: 20_000 });
  await ben.locator('[data-terminal-pane] .xterm').click();
  await ben.keyboard.type('echo ben-was-here; ecs-workbook hand');
  await ben.keyboard.press('Enter');
  await expect(ben.locator('wb-raise-hand').getByRole('status')).toHaveText('Hand raised: you are number 2 in the queue.', { timeout: 20_000 });
  const benItem = queue.locator('li.hand', { hasText: 'Ben Okafor' });
  await expect(benItem).toContainText('from the terminal');
  await expect(benItem).toContainText('No failing Check.');
  await benItem.getByText('Terminal screen').click();
  await expect(benItem.locator('pre')).toContainText('ben-was-here');

  // "On my way", then "Resolved": Ana sees each, live; Ben moves up the queue.
  await anaItem.getByRole('button', { name: 'On my way: Ana Silva' }).click();
  await expect(anaHand.getByRole('status')).toHaveText('The instructor is on the way.');
  await anaItem.getByRole('button', { name: 'Resolved: Ana Silva' }).click();
  await expect(anaHand.getByRole('status')).toHaveText('The instructor marked your question resolved.');
  await expect(anaItem).toHaveCount(0);
  await expect(ben.locator('wb-raise-hand').getByRole('status')).toHaveText('Hand raised: you are number 1 in the queue.');
});

test('a broadcast reaches both learners, one who opens the page later too, and each dismisses it for themselves', async ({ browser }) => {
  const ana = await as(browser, 'ana');
  await ana.goto(`/ja/${lesson}/`);
  const teacher = await as(browser, 'teacher');
  await teacher.goto(roomPath);
  await teacher.getByLabel('Message to every learner').fill('Break until 11:00. Leave your terminals open.');
  await teacher.getByRole('button', { name: 'Send to everyone' }).click();
  await expect(teacher.locator('wb-broadcast-panel [role=status]')).toHaveText('Sent.');

  const banner = (page: Page) => page.locator('wb-room-broadcasts .broadcast');
  await expect(banner(ana)).toContainText('講師からのお知らせ: Break until 11:00. Leave your terminals open.');
  // Ben opens his lesson only now: the message is there.
  const ben = await as(browser, 'ben');
  await ben.goto(`/en/${lesson}/`);
  await expect(banner(ben)).toContainText('Message from the instructor: Break until 11:00.');

  await banner(ana).getByRole('button', { name: '閉じる' }).click();
  await expect(banner(ana)).toHaveCount(0);
  await ana.reload();
  await expect(ana.locator('wb-raise-hand')).toBeVisible();
  await expect(banner(ana)).toHaveCount(0);
  await expect(banner(ben)).toHaveCount(1);
});

test('the export from the room holds both learners’ rows, step by step', async ({ browser }) => {
  const teacher = await as(browser, 'teacher');
  await teacher.goto(roomPath);
  const [download] = await Promise.all([teacher.waitForEvent('download'), teacher.getByRole('link', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('workshop-progress.csv');
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  expect(lines[0]).toBe('learner,name,step,status,firstPassAt,attempts');
  expect(lines).toContain('ana,Ana Silva,setup/docker,fail,,1');
  expect(lines.filter((line) => line.startsWith('ben,Ben Okafor,'))).toHaveLength(course.stepIds().length);
  expect(lines.filter((line) => line.startsWith('ana,Ana Silva,'))).toHaveLength(course.stepIds().length);
});

test('a learner is refused the room tools; the panels and the learner’s parts are axe-clean in light and dark', async ({ browser }) => {
  const ana = await as(browser, 'ana');
  const refused = await ana.request.get(`${base}/api/instructor/export?format=csv`);
  expect(refused.status()).toBe(403);
  for (const scheme of ['light', 'dark'] as const) {
    const teacher = await as(browser, 'teacher', scheme);
    await teacher.goto(roomPath);
    await teacher.getByRole('spinbutton', { name: 'Learners to plan for' }).fill('2');
    await teacher.getByRole('button', { name: 'Run the pre-flight' }).click();
    await expect(teacher.locator('[data-preflight-summary]')).toContainText('Pre-flight for 2 learners', { timeout: 45_000 });
    await expect(teacher.locator('[data-finding="docker-engine"]')).toBeVisible();
    const room = await new AxeBuilder({ page: teacher }).include('.room-tool').analyze();
    expect(room.violations, `${scheme}: ${JSON.stringify(room.violations.map((v) => [v.id, v.nodes.map((n) => n.target)]))}`).toEqual([]);
    const learner = await as(browser, 'ben', scheme);
    await learner.goto(`/en/${lesson}/`);
    await expect(learner.locator('wb-raise-hand')).toBeVisible();
    const parts = await new AxeBuilder({ page: learner }).include('wb-raise-hand').include('wb-room-broadcasts').analyze();
    expect(parts.violations, `${scheme}: ${JSON.stringify(parts.violations.map((v) => [v.id, v.nodes.map((n) => n.target)]))}`).toEqual([]);
  }
});
