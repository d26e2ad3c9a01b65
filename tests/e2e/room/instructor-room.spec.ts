/**
 * The instructor's room at the size of a real class, against a server of its own that composes the
 * room as a workshop does (serve-room.ts): real pages, one SQLite file with 50 learners' progress
 * seeded (50 learners × every step is what the room must stay readable at; two of them, Ana and
 * Ben, can sign in), and the 403 page a learner or a stranger gets. A quiet room stays current: a
 * raised hand shows in the grid, and a learner turns stuck by the clock alone. The room with live learners in real sandboxes (three browsers, the
 * grid following a Check, watching and take-control, hands, broadcasts, export) is
 * workshop-room.spec.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openProgressStore } from '../../../src/progress/progress-store.ts';
import { course } from '../../../lessons/course.ts';
import type { CheckItem } from '../../../src/checks/check-contract.ts';

const port = Number(process.env.E2E_PORT ?? 4399) + 1;
const base = `http://127.0.0.1:${port}`;
const root = resolve('test-results/room-e2e');
const dataDir = `${root}/data`;
let server: ChildProcess;

/** 48 learners at various places in the course (passes, mistakes, could-not-checks, some stuck), and Ana and Ben at the start: 50. */
function seedClass() {
  const store = openProgressStore(dataDir);
  const steps = course.stepIds();
  const long = new Date(Date.now() - 40 * 60_000).toISOString();
  for (let n = 1; n <= 48; n++) {
    const learner = `learner-${String(n).padStart(2, '0')}`;
    // A dozen of them at the load balancer's healthy targets, the rest spread over the course.
    const reached = n <= 12 ? steps.indexOf('service/healthy-targets') : (n * 7) % steps.length;
    steps.slice(0, reached + 1).forEach((step, i) => {
      const status = i < reached ? 'pass' : (['fail', 'fail', 'error', 'pending'] as const)[n % 4]!;
      const item: CheckItem = status === 'error'
        ? { id: 'read', status, label: { key: 'check.error.no-credentials.label' }, hint: { key: 'check.error.no-credentials.hint', params: { profile: 'default' } } }
        : { id: 'thing', status, label: { key: 'service.healthy-targets.count.label', params: { desired: 2 } }, actual: '0', hint: { key: 'service.healthy-targets.count.unhealthy' }, fix: 'aws ecs describe-services --cluster ecs-handson-cluster' };
      store.forLearner(learner).record({ step, result: { status, summary: { key: `service.common.summary.${status}` }, items: [item], resources: [] }, snapshot: {}, source: 'cli', durationMs: 5, ...(status === 'fail' && n % 8 === 0 && { at: long }) });
    });
  }
  // Ana and Ben sign in (the harness's cookies): one pass each, so the room lists them.
  for (const learner of ['ana', 'ben']) {
    store.forLearner(learner).record({ step: steps[0]!, result: { status: 'pass', summary: { key: 'service.common.summary.pass' }, items: [], resources: [] }, snapshot: {}, source: 'cli', durationMs: 5 });
  }
  store.close();
}

test.beforeAll(async () => {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(`${root}/home`, { recursive: true });
  seedClass();
  const node = existsSync('node_modules/.bin/node') ? 'node_modules/.bin/node' : process.execPath;
  server = spawn(node, ['tests/e2e/room/serve-room.ts', String(port), dataDir], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: `${root}/home`,
      SHELL: '/bin/bash',
      // No AWS traffic leaves loopback, and the Docker step's engine is a socket nobody serves.
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_EC2_METADATA_DISABLED: 'true',
      DOCKER_HOST: `unix://${root}/no-docker.sock`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready, fail) => {
    server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ready());
    server.once('exit', (code) => fail(new Error(`the room's server exited with ${code}`)));
  });
});
test.afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  // Wait until it is gone: the next worker's server takes the same port.
  const gone = new Promise((done) => server.once('exit', done));
  server.kill('SIGTERM');
  const stubborn = setTimeout(() => server.kill('SIGKILL'), 5_000);
  await gone;
  clearTimeout(stubborn);
});

async function as(browser: Browser, who: string | undefined, colorScheme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, colorScheme });
  if (who) await context.addCookies([{ name: 'who', value: who, url: base }]);
  return { context, page: await context.newPage() };
}

test('only the instructor gets the room; a learner and a stranger get a 403 page that says what to do', async ({ browser }) => {
  // Four axe runs over whole pages: a busy two-core machine needs more than the default minute.
  test.setTimeout(180_000);
  for (const path of ['/instructor', '/ja/instructor']) {
    const learner = await as(browser, 'ana');
    const response = await learner.page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(learner.page.getByRole('heading', { level: 1 })).toHaveText(path === '/instructor' ? 'Only the workshop’s instructor can open this room' : 'このルームを開けるのはワークショップの講師だけです');
    await expect(learner.page.locator('room-grid')).toHaveCount(0);
    const stranger = await as(browser, undefined);
    expect((await stranger.page.goto(path))?.status()).toBe(403);
    await expect(stranger.page.getByRole('main')).toContainText(path === '/instructor' ? 'open the instructor link' : '講師用リンク');
    // The 403 page passes axe, in light and (its colours) in dark.
    for (const scheme of ['light', 'dark'] as const) {
      await stranger.page.emulateMedia({ colorScheme: scheme });
      const builder = new AxeBuilder({ page: stranger.page });
      if (scheme === 'dark') builder.withRules(['color-contrast', 'link-in-text-block']);
      const { violations } = await builder.analyze();
      expect(violations.flatMap((violation) => violation.nodes.map((node) => `${scheme} ${path} ${violation.id}: ${node.target.join(' ')}`))).toEqual([]);
    }
    await learner.context.close();
    await stranger.context.close();
  }
});

test('the room reads at 50 learners on a laptop screen, works by keyboard, and is axe-clean in light and dark', async ({ browser }) => {
  test.setTimeout(360_000);
  for (const scheme of ['light', 'dark'] as const) {
    const teacher = await as(browser, 'teacher', scheme);
    await teacher.page.goto('/instructor');
    await expect(teacher.page.locator('room-grid tbody tr').first()).toBeVisible();
    const steps = course.stepIds().length;
    // Every step's column fits beside the names at 1440 px: no sideways scrolling.
    const grid = teacher.page.locator('room-grid');
    const { scrollWidth, clientWidth } = await grid.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    expect(scrollWidth, `${steps} steps`).toBeLessThanOrEqual(clientWidth);
    // Keyboard: one tab stop into the grid, arrows between cells, Enter opens the learner.
    await teacher.page.locator('room-grid button[tabindex="0"]').focus();
    await teacher.page.keyboard.press('ArrowRight');
    const focused = teacher.page.locator('room-grid button:focus');
    await expect(focused).toHaveAttribute('data-step', course.stepIds()[0]!);
    const firstName = (await teacher.page.locator('room-grid tbody tr').first().locator('th button').textContent())!;
    const secondName = (await teacher.page.locator('room-grid tbody tr').nth(1).locator('th button').textContent())!;
    // What a screen reader announces: the learner, the step, the status (and how long stuck, how many Checks).
    await expect(focused).toHaveAccessibleName(new RegExp(`^${firstName}, Docker runs on your machine: (Passed|Not yet|Settling|Could not check)(, stuck \\d+ min)?, Checks run: \\d+$`));
    await teacher.page.keyboard.press('ArrowDown');
    await expect(teacher.page.locator('room-grid button:focus')).toHaveAccessibleName(new RegExp(`^${secondName}, Docker runs on your machine: `));
    await teacher.page.keyboard.press('Enter');
    await expect(teacher.page.locator('learner-panel h2')).toHaveText(secondName);
    // The diagnosis: a sentence per step, and one click shows the hint and fix of its top item.
    const healthy = teacher.page.locator('[data-diagnosis-step="service/healthy-targets"]');
    await expect(healthy.locator('.sentence')).toContainText(/^\d+ of 50 stuck at service\/healthy-targets\. Most common: ‘At least 2 targets are healthy’ — \d+ learners, ‘0’\./);
    await healthy.getByRole('button', { name: 'Hint and fix' }).click();
    await expect(healthy.locator('.diagnosis-explain')).toContainText('aws ecs describe-services');
    // Filters: only the stuck.
    await teacher.page.getByLabel('Only stuck learners').check();
    const stuckRows = await teacher.page.locator('room-grid tbody tr').count();
    expect(stuckRows).toBeGreaterThan(0);
    expect(stuckRows).toBeLessThan(50);
    await teacher.page.getByLabel('Only stuck learners').uncheck();
    await teacher.page.screenshot({ path: `${root}/room-${scheme}.png`, fullPage: false });
    // One lesson's columns for axe: every row and every kind of cell, header and panel is there,
    // and axe over 1,500 buttons outlasts the test on a busy two-core machine.
    // The grid's lesson filter (the header's lesson search also has "Lesson" in its name).
    await teacher.page.locator('select[name="lesson"]').selectOption('service-alb');
    await expect(teacher.page.locator('room-grid tbody tr').first().locator('button.cell')).toHaveCount(4);
    const axe = await new AxeBuilder({ page: teacher.page }).analyze();
    expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`), scheme).toEqual([]);
    await teacher.context.close();
  }
});

test('a raised hand shows in the quiet room within seconds, and the grid filters and sorts by it and by stuck', async ({ browser }) => {
  const teacher = await as(browser, 'teacher');
  await teacher.page.goto('/instructor');
  const rows = teacher.page.locator('room-grid tbody tr');
  await expect(rows).toHaveCount(50);
  // Every row is counted for assistive technology: two header rows, the learners, the footer.
  await expect(teacher.page.locator('room-grid table')).toHaveAttribute('aria-rowcount', '53');
  const grid = teacher.page.locator('room-grid');
  await expect(grid.getByRole('button', { name: 'Ana Silva', exact: true })).toBeVisible();

  // Sorted by name Ana comes first; "most stuck first" puts every learner with a stuck cell on top.
  await expect(rows.first().locator('th')).toHaveText('Ana Silva');
  await teacher.page.locator('select[name="sort"]').selectOption('stuck');
  const stuckFlags = () => rows.evaluateAll((all) => all.map((row) => row.querySelector('.cell-stuck') !== null));
  await expect.poll(async () => (await stuckFlags())[0]).toBe(true);
  const flags = await stuckFlags();
  const stuckCount = flags.filter(Boolean).length;
  expect(stuckCount).toBeGreaterThan(0);
  expect(stuckCount).toBeLessThan(50);
  expect(flags.slice(0, stuckCount).every(Boolean), 'stuck learners first').toBe(true);
  await teacher.page.locator('select[name="sort"]').selectOption('name');

  // Only raised hands: nobody yet.
  await teacher.page.getByLabel('Only raised hands').check();
  await expect(grid).toHaveText('No learner matches these filters.');

  // Ana raises her hand through the API her page's button uses; no Check runs anywhere.
  const ana = await as(browser, 'ana');
  const raised = await ana.context.request.post('/api/room/hand', { headers: { origin: base, 'content-type': 'application/json' }, data: {} });
  expect(raised.status(), await raised.text()).toBe(200);
  await expect(rows).toHaveCount(1, { timeout: 3_000 });
  await expect(rows.first().locator('th')).toHaveText('✋ Ana Silva');
  await expect(grid.getByRole('button', { name: 'Ana Silva, Hand raised' })).toBeVisible();

  // Resolved in the queue: the hand goes down in the grid too.
  await teacher.page.locator('wb-hand-queue').getByRole('button', { name: 'Resolved: Ana Silva' }).click();
  await expect(grid).toHaveText('No learner matches these filters.', { timeout: 3_000 });
  await teacher.page.getByLabel('Only raised hands').uncheck();
  await expect(rows.first().locator('th')).toHaveText('Ana Silva');
  await ana.context.close();
  await teacher.context.close();
});

test('a learner who failed once and stopped checking turns stuck on time, with nothing else happening', async ({ browser }) => {
  // Ben's failing Check, written straight to the progress file (no event reaches the room), a few
  // seconds short of the 10-minute threshold.
  const store = openProgressStore(dataDir);
  const step = course.stepIds()[1]!;
  const failedAt = new Date(Date.now() - 10 * 60_000 + 6_000).toISOString();
  store.forLearner('ben').record({ step, result: { status: 'fail', summary: { key: 'service.common.summary.fail' }, items: [], resources: [] }, snapshot: {}, source: 'cli', durationMs: 5, at: failedAt });
  store.close();

  const teacher = await as(browser, 'teacher');
  await teacher.page.goto('/instructor');
  const cell = teacher.page.locator(`room-grid button.cell[data-learner="ben"][data-step="${step}"]`);
  await expect(cell).toHaveAttribute('data-status', 'fail');
  await expect(cell.locator('.cell-stuck')).toHaveCount(0);
  // Well before the grid's once-a-minute read: the room reads again when Ben crosses the threshold.
  await expect(cell.locator('.cell-stuck')).toHaveCount(1, { timeout: 15_000 });
  await expect(cell).toHaveAccessibleName(/^Ben Okafor, .+: Not yet, stuck 10 min, Checks run: 1$/);
  await teacher.context.close();
});

test('a broadcast reaches a learner on any page of the workbook, not only a lesson, and its banner passes axe', async ({ browser }) => {
  const teacher = await as(browser, 'teacher');
  const sent = await teacher.context.request.post('/api/instructor/broadcasts', { headers: { origin: base, 'content-type': 'application/json' }, data: { text: 'Break until 14:10' } });
  expect(sent.status(), await sent.text()).toBe(200);
  const ana = await as(browser, 'ana');
  for (const path of ['/en/', '/ja/']) {
    await ana.page.goto(path);
    const notices = ana.page.getByRole('complementary', { name: path === '/en/' ? 'Workshop notices' : 'ワークショップからのお知らせ' });
    await expect(notices).toContainText('Break until 14:10');
    const { violations } = await new AxeBuilder({ page: ana.page }).include('.room-broadcasts').analyze();
    expect(violations.map((violation) => `${path} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  // The instructor's own pages carry no banner: the room is where broadcasts are sent from.
  await teacher.page.goto('/en/');
  await expect(teacher.page.locator('wb-room-broadcasts')).toHaveCount(0);
  await ana.context.close();
  await teacher.context.close();
});

test('the learner’s take-control prompt and banner pass axe in light and dark, and the learner ends control', async ({ browser }) => {
  const teacher = await as(browser, 'teacher');
  for (const scheme of ['light', 'dark'] as const) {
    const ana = await as(browser, 'ana', scheme);
    await ana.page.goto('/en/');
    const prompt = ana.page.locator('[data-control-ask]');
    // The request needs Ana's page open (its stream connected): ask until the server sees it.
    await expect.poll(async () => (await teacher.context.request.post('/api/instructor/control', { headers: { origin: base, 'content-type': 'application/json' }, data: { learner: 'ana', action: 'request' } })).status()).toBe(200);
    await expect(prompt).toBeVisible();
    const axe = async (what: string) => {
      const { violations } = await new AxeBuilder({ page: ana.page }).include('.control-prompt').analyze();
      expect(violations.map((violation) => `${scheme} ${what} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    };
    await axe('prompt');
    await prompt.getByRole('button', { name: 'Allow' }).click();
    const banner = ana.page.locator('[data-control-banner]');
    await expect(banner).toBeVisible();
    await axe('banner');
    await banner.getByRole('button').click();
    await expect(banner).toBeHidden();
    await ana.context.close();
  }
  await teacher.context.close();
});
