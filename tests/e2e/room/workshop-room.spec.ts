/**
 * The instructor's room in a real workshop (workshop-for-spec.ts: `ecs-workbook workshop --json`,
 * its own server, data folder and sandboxes on the Docker engine), started once for every test
 * here. An instructor signs in with the printed link; two learners join with the event code, each
 * with a shell in their own sandbox. Three browser contexts at once: the grid follows a Check, the
 * instructor watches a sandbox terminal read-only and takes control only once the learner allows
 * it; a raised hand (the button, and `ecs-workbook hand` typed in the sandbox) arrives with the
 * failing Check; a broadcast reaches both learners; the export holds both learners' rows; the room
 * and the learner's parts are axe-clean.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { course } from '../../../lessons/course.ts';
import { startWorkshopForSpec, type WorkshopForSpec } from './workshop-for-spec.ts';

const port = Number(process.env.E2E_PORT ?? 4399) + 3;
let workshop: WorkshopForSpec | undefined;
// One sign-in per instructor link, and one sandbox per learner: the three browsers live for the file.
let teacher: Page;
let ana: Page;
let ben: Page;

test.describe.configure({ mode: 'serial' });

async function joinAs(browser: Browser, name: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage();
  await page.goto(workshop!.joinUrl);
  await page.getByLabel('Event code').fill(workshop!.eventCode);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('link', { name: 'Start the course' }).click();
  await page.getByRole('link', { name: /Start with/ }).click();
  return page;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(20 * 60_000);
  // Made here, not at load: the runner also loads this file to list its tests.
  workshop = await startWorkshopForSpec({ port, learners: 2 });
  teacher = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage();
  const signedIn = teacher.waitForResponse((response) => response.url().endsWith('/api/session'));
  await teacher.goto(workshop.instructorUrl);
  expect((await signedIn).ok()).toBe(true);
  ana = await joinAs(browser, 'Ana');
  ben = await joinAs(browser, 'Ben');
  for (const page of [ana, ben]) await expect(page.locator('[data-terminal-pane]')).toHaveAttribute('data-status', 'live', { timeout: 180_000 });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  for (const page of [teacher, ana, ben]) await page?.context().close();
  await workshop?.stop();
});

const terminalRows = (page: Page) => page.locator('[data-terminal-pane] .xterm-rows');
async function typeInLearnerTerminal(page: Page, text: string) {
  await page.locator('[data-terminal-pane] .xterm').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}
const room = () => `${workshop!.origin}/instructor`;

test('three browsers: the grid follows a Check, the instructor watches a sandbox terminal read-only, and takes control only once the learner allows it', async () => {
  test.setTimeout(10 * 60_000);
  await teacher.goto(room());
  await expect(teacher.locator('[data-room-live]')).toHaveText('Live: updates as learners run Checks');
  const anaRow = teacher.locator('room-grid tbody tr', { has: teacher.getByRole('button', { name: 'Ana', exact: true }) });
  await expect(teacher.locator('room-grid tbody tr')).toHaveCount(2);
  const anaDocker = anaRow.locator('button[data-step="setup/docker"]');
  await expect(anaDocker).toHaveAttribute('data-status', 'not-started');
  // A screen reader hears who, which step and its state.
  await expect(anaDocker).toContainText('Ana, Docker runs on your machine: Not started');

  // Ana's Check: her cell follows within a second of the result; Ben's does not move.
  await ana.locator('[data-check="setup/docker"]').getByRole('button', { name: 'Check' }).click();
  const result = ana.locator('[data-check="setup/docker"] [data-check-result]');
  await expect(result).toHaveAttribute('data-status', /pass|fail|error/, { timeout: 60_000 });
  await expect(anaDocker).toHaveAttribute('data-status', (await result.getAttribute('data-status'))!, { timeout: 1_000 });
  const benRow = teacher.locator('room-grid tbody tr', { has: teacher.getByRole('button', { name: 'Ben', exact: true }) });
  await expect(benRow.locator('button[data-step="setup/docker"]')).toHaveAttribute('data-status', 'not-started');

  // Ana's latest result and her terminal, live, in the instructor's room.
  await anaRow.getByRole('button', { name: 'Ana', exact: true }).click();
  const panel = teacher.locator('learner-panel');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Ana');
  await expect(panel.locator('[data-result-step="setup/docker"]')).toContainText('Docker runs on your machine');
  await expect(panel.locator('[data-watch-status]')).toHaveText('Watching live. Typing here has no effect.', { timeout: 30_000 });
  await typeInLearnerTerminal(ana, 'echo "in-sandbox-$(whoami)-$((6*7))"');
  await expect(panel.locator('.xterm-rows')).toContainText('in-sandbox-learner-42', { timeout: 20_000 });

  // The instructor types into the view: nothing reaches Ana's shell. Her own next command shows
  // it: had the instructor's keys arrived, their answer would have come first.
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
  await expect(panel.locator('[data-control-status]')).toHaveText('Waiting for Ana to accept in their browser…');
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
  await expect(panel.locator('[data-control-status]')).toHaveText('Control ended.');
  expect(await instructorTypes('ended')).toBe(false);
});

test('a raised hand arrives with the failing Check and the sandbox screen, and the learner sees the answer', async () => {
  test.setTimeout(5 * 60_000);
  await teacher.goto(room());
  const queue = teacher.locator('wb-hand-queue');
  await expect(queue.getByText('No hands raised.')).toBeVisible();

  // Ben's Check on the first container lesson fails in his sandbox (no container has run there yet).
  await ben.goto(`${workshop!.origin}/en/containers/`);
  await ben.locator('[data-check="containers/first-run"]').getByRole('button', { name: 'Check' }).click();
  await expect(ben.locator('[data-check="containers/first-run"] [data-check-result]')).toHaveAttribute('data-status', 'fail', { timeout: 60_000 });
  const benHand = ben.locator('wb-raise-hand');
  await benHand.getByRole('button', { name: 'Raise hand' }).click();
  await expect(benHand.getByRole('status')).toHaveText('Hand raised: you are number 1 in the queue.');
  await expect(benHand.getByRole('button', { name: 'Lower hand' })).toHaveAttribute('aria-pressed', 'true');
  const benItem = queue.locator('li.hand', { hasText: /\bBen\b/ });
  await expect(benItem).toContainText('containers/first-run');
  await expect(benItem).toContainText('No container has run on this engine yet.');
  await expect(benItem).toContainText('Run the lesson’s command.');
  await expect(benItem).toContainText('from the page');

  // Ana raises hers by typing `ecs-workbook hand` in her sandbox's terminal; her screen comes along.
  await expect(ana.locator('[data-terminal-pane]')).toHaveAttribute('data-status', 'live', { timeout: 60_000 });
  await typeInLearnerTerminal(ana, 'echo ana-was-here; ecs-workbook hand');
  await expect(ana.locator('wb-raise-hand').getByRole('status')).toHaveText('Hand raised: you are number 2 in the queue.', { timeout: 30_000 });
  const anaItem = queue.locator('li.hand', { hasText: /\bAna\b/ });
  await expect(anaItem).toContainText('from the terminal');
  await anaItem.getByText('Terminal screen').click();
  await expect(anaItem.locator('pre')).toContainText('ana-was-here');

  // "On my way", then "Resolved": Ben sees each, live; Ana moves up the queue.
  await benItem.getByRole('button', { name: 'On my way: Ben' }).click();
  await expect(benHand.getByRole('status')).toHaveText('The instructor is on the way.');
  await benItem.getByRole('button', { name: 'Resolved: Ben' }).click();
  await expect(benHand.getByRole('status')).toHaveText('The instructor marked your question resolved.');
  await expect(benItem).toHaveCount(0);
  await expect(ana.locator('wb-raise-hand').getByRole('status')).toHaveText('Hand raised: you are number 1 in the queue.');
});

test('a broadcast reaches both learners, one who opens a page only later too, and each dismisses it for themselves', async () => {
  const lesson = course.lessons[0]!.slug;
  await ana.goto(`${workshop!.origin}/ja/${lesson}/`);
  await ben.goto('about:blank');
  await teacher.goto(room());
  await teacher.getByLabel('Message to every learner').fill('Break until 11:00. Leave your terminals open.');
  await teacher.getByRole('button', { name: 'Send to everyone' }).click();
  await expect(teacher.locator('wb-broadcast-panel [role=status]')).toHaveText('Sent.');

  const banner = (page: Page) => page.locator('wb-room-broadcasts .broadcast');
  await expect(banner(ana)).toContainText('講師からのお知らせ: Break until 11:00. Leave your terminals open.');
  // Ben opens his lesson only now: the message is there.
  await ben.goto(`${workshop!.origin}/en/${lesson}/`);
  await expect(banner(ben)).toContainText('Message from the instructor: Break until 11:00.');

  await banner(ana).getByRole('button', { name: '閉じる' }).click();
  await expect(banner(ana)).toHaveCount(0);
  await ana.reload();
  await expect(ana.locator('wb-raise-hand')).toBeVisible();
  await expect(banner(ana)).toHaveCount(0);
  await expect(banner(ben)).toHaveCount(1);
});

test('the export from the room holds both learners’ rows, step by step', async () => {
  await teacher.goto(room());
  const [download] = await Promise.all([teacher.waitForEvent('download'), teacher.getByRole('link', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('workshop-progress.csv');
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  expect(lines[0]).toBe('learner,name,step,status,firstPassAt,attempts');
  const rowsOf = (name: string) => lines.slice(1).map((line) => line.split(',')).filter((row) => row[1] === name);
  for (const name of ['Ana', 'Ben']) expect(rowsOf(name).map((row) => row[2]).sort()).toEqual([...course.stepIds()].sort());
  expect(rowsOf('Ben').find((row) => row[2] === 'containers/first-run')?.slice(3)).toEqual(['fail', '', '1']);
  expect(rowsOf('Ana').find((row) => row[2] === 'setup/docker')?.[5]).toBe('1');
});

test('a learner and a stranger are refused the instructor’s API; the room and the learner’s parts are axe-clean in light and dark', async ({ browser }) => {
  test.setTimeout(5 * 60_000);
  expect((await ana.request.get(`${workshop!.origin}/api/instructor/export?format=csv`)).status()).toBe(403);
  const stranger = await browser.newContext();
  expect((await stranger.request.get(`${workshop!.origin}/api/instructor/export?format=csv`)).status()).toBe(403);
  await stranger.close();
  await teacher.goto(room());
  await teacher.getByRole('spinbutton', { name: 'Learners to plan for' }).fill('2');
  await teacher.getByRole('button', { name: 'Run the pre-flight' }).click();
  await expect(teacher.locator('[data-preflight-summary]')).toContainText('Pre-flight for 2 learners', { timeout: 45_000 });
  await expect(teacher.locator('[data-finding="docker-engine"]')).toBeVisible();
  await ben.goto(`${workshop!.origin}/en/${course.lessons[0]!.slug}/`);
  await expect(ben.locator('wb-raise-hand')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await teacher.emulateMedia({ colorScheme: scheme });
    const roomTools = await new AxeBuilder({ page: teacher }).include('.room-tool').analyze();
    expect(roomTools.violations, `${scheme}: ${JSON.stringify(roomTools.violations.map((v) => [v.id, v.nodes.map((n) => n.target)]))}`).toEqual([]);
    await ben.emulateMedia({ colorScheme: scheme });
    const parts = await new AxeBuilder({ page: ben }).include('wb-raise-hand').include('wb-room-broadcasts').analyze();
    expect(parts.violations, `${scheme}: ${JSON.stringify(parts.violations.map((v) => [v.id, v.nodes.map((n) => n.target)]))}`).toEqual([]);
  }
});
