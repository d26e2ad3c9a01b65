/**
 * The learner's way around the course (issue 15, navigation): where to continue, each lesson's
 * completion in the sidebar, the course's total time, a remembered theme that never flashes, a
 * lesson-only print, and search in English and Japanese.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { parse } from 'yaml';
import { course } from '../../lessons/course.ts';
import { e2eDataDir, e2eOrigin as origin } from '../../playwright.config.ts';
import { expect, test } from './fixtures.ts';

async function resetProgress(request: APIRequestContext) {
  const response = await request.post('/api/progress/reset', { headers: { origin, 'content-type': 'application/json' }, data: {} });
  expect(response.ok()).toBe(true);
}

/** The learner's own `ecs-workbook check` in the terminal, against the real Docker engine. */
function runCli(args: string[]): Promise<number> {
  const node = existsSync('node_modules/.bin/node') ? 'node_modules/.bin/node' : process.execPath;
  return new Promise((resolve, reject) => {
    const child = spawn(node, ['bin/ecs-workbook.mjs', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOCKER_HOST: 'unix:///var/run/docker.sock' },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

const frontmatter = (folder: string, lang: string) =>
  parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(`lessons/${folder}/${lang}.mdx`, 'utf8'))![1]!) as { title: string; duration: number };

const white = 'rgb(255, 255, 255)';
const dark = 'rgb(13, 17, 23)';

test.beforeEach(async ({ request }) => resetProgress(request));
test.afterAll(async ({ request }) => resetProgress(request));

test('the home page says where to continue and how long the course takes; the sidebar shows each lesson’s completion', async ({ page }) => {
  const minutes = course.lessons.reduce((sum, lesson) => sum + frontmatter(lesson.folder, 'en').duration, 0);
  await page.goto('/en/');
  await expect(page.locator('.course-time')).toHaveText(`The whole course takes about ${Math.floor(minutes / 60)} h ${minutes % 60} min (${course.lessons.length} lessons).`);
  // Nothing passed yet: the first lesson.
  await expect(page.locator('[data-continue] a')).toHaveText('Start with “Before you start”');

  await page.waitForFunction(() => (window as unknown as Record<string, boolean>).__workbookLive === true);
  expect(await runCli(['check', 'setup/docker', '--data-dir', e2eDataDir])).toBe(0);
  // Live: the next step not passed, with a link to its place in its lesson.
  const resume = page.getByRole('link', { name: 'Continue where you left off: “The AWS CLI knows who you are” in “Before you start”' });
  await expect(resume).toHaveAttribute('href', '/en/before-you-start/#step-setup-aws-identity');
  await page.reload();
  await resume.click();
  await expect(page).toHaveURL(/\/en\/before-you-start\/#step-setup-aws-identity$/);
  await expect(page.locator('#step-setup-aws-identity')).toBeInViewport();

  // The sidebar: a shape and a count (not colour alone), and words for screen readers.
  const sidebar = page.getByRole('navigation', { name: 'Lessons' });
  // Step counts come from the manifest, so a lesson that gains a step does not break this test.
  const steps = (folder: string) => course.lessons.find((lesson) => lesson.folder === folder)!.steps.length;
  const setupSteps = steps('00-before-you-start');
  const first = sidebar.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Before you start' }) });
  await expect(first.locator('.lesson-completion-visual')).toHaveText(`◐ 1/${setupSteps}`);
  await expect(first.locator('.lesson-completion-text')).toHaveText(`1 of ${setupSteps} steps passed`);
  const dockerfile = sidebar.getByRole('listitem').filter({ has: page.getByRole('link', { name: frontmatter('02-dockerfile', 'en').title }) });
  await expect(dockerfile.locator('.lesson-completion-visual')).toHaveText(`○ 0/${steps('02-dockerfile')}`);

  // A reset (another tab, the CLI) shows up live too.
  await page.waitForFunction(() => (window as unknown as Record<string, boolean>).__workbookLive === true);
  await resetProgress(page.context().request);
  await expect(first.locator('.lesson-completion-visual')).toHaveText(`○ 0/${setupSteps}`);
});

test('the Japanese home page says where to continue in Japanese', async ({ page }) => {
  expect(await runCli(['check', 'setup/docker', '--data-dir', e2eDataDir])).toBe(0);
  await page.goto('/ja/');
  const title = frontmatter('00-before-you-start', 'ja').title;
  await expect(page.locator('[data-continue] a')).toHaveText(new RegExp(`^前回の続きから: 「${title}」の「.+」$`));
  await expect(page.locator('.course-time')).toContainText('コース全体の所要時間は約');
});

test('the theme switch applies light or dark, is remembered with no flash on load, and "System" follows the system', async ({ page }) => {
  // Records the theme at the moment <body> first exists, i.e. before anything is painted.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      (window as unknown as Record<string, unknown>).__themeAtFirstBody = document.documentElement.getAttribute('data-theme');
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/en/network/');
  const rootBackground = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(await rootBackground()).toBe(white);

  await page.getByLabel('Theme').selectOption({ label: 'Dark' });
  expect(await rootBackground()).toBe(dark);
  await page.reload();
  expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__themeAtFirstBody)).toBe('dark');
  expect(await rootBackground()).toBe(dark);
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  // Diagrams draw with the page's colours: their text turns light too.
  const diagramText = page.locator('.diagram svg text').first();
  await expect(diagramText).toHaveCSS('fill', 'rgb(230, 237, 243)');

  // Light wins over a dark system.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByLabel('Theme').selectOption({ label: 'Light' });
  expect(await rootBackground()).toBe(white);
  await page.reload();
  expect(await rootBackground()).toBe(white);

  // System follows the system again, and forgets the choice.
  await page.getByLabel('Theme').selectOption({ label: 'System' });
  expect(await rootBackground()).toBe(dark);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await rootBackground()).toBe(white);
  expect(await page.evaluate(() => localStorage.getItem('wb-theme'))).toBeNull();
});

test('printing a lesson prints the lesson only, in light colours, with long commands wrapped', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('wb-theme', 'dark'));
  await page.setViewportSize({ width: 816, height: 1056 }); // Letter at 96 dpi
  await page.goto('/en/network/');
  // On screen, the prediction's answer waits behind its disclosure until the learner asks for it.
  const answer = page.getByText('neither reach the internet nor be reached from it');
  await expect(answer).toHaveCount(2); // the disclosure's and the print copy
  await expect(answer.first()).toBeHidden();
  await page.getByText('Show the answer').click();
  await expect(answer.first()).toBeVisible();
  await expect(answer.last()).toBeHidden();
  await page.getByText('Show the answer').click();
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['.site-header', '.sidebar', '.terminal-pane', '.pager', '.command .actions', '.check']) {
    await expect(page.locator(selector).first(), `${selector} is not printed`).toBeHidden();
  }
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The lesson's objectives and recap are part of the lesson, so they print too.
  await expect(page.getByRole('region', { name: 'In this lesson you will' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'What you did' })).toBeVisible();
  // So do the prediction question and its answer, which the screen hides until asked for.
  const prediction = page.getByRole('region', { name: 'Predict before you go on' });
  await expect(prediction).toBeVisible();
  await expect(prediction.getByText('neither reach the internet nor be reached from it').last()).toBeVisible(); // the print copy
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(white);
  // Every command fits the paper: nothing scrolls sideways, nothing is cut off.
  const overflowing = await page.locator('main pre').evaluateAll((blocks) =>
    blocks.filter((block) => block.scrollWidth > block.clientWidth + 1).map((block) => block.textContent?.slice(0, 60)),
  );
  expect(overflowing).toEqual([]);
  const pdf = await page.pdf({ format: 'Letter' });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
});

test('search finds a lesson in English and opens it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/en/');
  const search = page.getByRole('searchbox', { name: 'Search the lessons' });
  await search.fill('internet gateway');
  const results = page.locator('#site-search-results');
  const network = results.getByRole('link', { name: 'Build the network' });
  // The first search loads Pagefind's index and its WebAssembly: slow on a busy machine.
  await expect(network).toBeVisible({ timeout: 30_000 });
  await expect(results.locator('mark').first()).toBeVisible();
  await network.click();
  await expect(page).toHaveURL(/\/en\/network\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Build the network');
});

test('search finds a lesson in Japanese and opens it', async ({ page }) => {
  test.setTimeout(120_000);
  const title = frontmatter('04-network', 'ja').title;
  await page.goto('/ja/');
  const search = page.getByRole('searchbox', { name: 'レッスンを検索' });
  await search.fill('インターネットゲートウェイ');
  const network = page.locator('#site-search-results').getByRole('link', { name: title });
  await expect(network).toBeVisible({ timeout: 30_000 });
  await network.click();
  await expect(page).toHaveURL(/\/ja\/network\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
});
