/**
 * The course as a Japanese reader gets it: every lesson in Japanese (no fallback notice, mostly
 * Japanese text), the language switch keeping the reader's place, and a Check whose result is
 * Japanese throughout.
 */
import { readdirSync, rmSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { e2eDockerSocket, e2eOrigin as origin } from '../../playwright.config.ts';

const slugs = readdirSync('lessons', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /^\d+-/.test(entry.name))
  .map((entry) => entry.name.replace(/^\d+-/, ''));

/** Kana, kanji and the full-width forms Japanese prose uses. */
const japanese = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/gu;
const latin = /[A-Za-z]/g;

/** The lesson's own text as a reader reads it: without code, commands, diagrams and Check widgets. */
function mainText(page: Page): Promise<string> {
  return page.locator('main.lesson article').evaluate((article) => {
    const copy = article.cloneNode(true) as HTMLElement;
    for (const element of copy.querySelectorAll('pre, code, figure.command, svg, .check, [data-lesson-sources]')) element.remove();
    return copy.textContent ?? '';
  });
}

for (const slug of slugs) {
  test(`/ja/${slug}/ is written in Japanese: no fallback notice, at least 60% of the letters Japanese`, async ({ page }) => {
    await page.goto(`/ja/${slug}/`);
    await expect(page.locator('.fallback-notice')).toHaveCount(0);
    await expect(page.locator('main.lesson article')).toHaveAttribute('lang', 'ja');
    const text = await mainText(page);
    const kana = text.match(japanese)?.length ?? 0;
    const letters = kana + (text.match(latin)?.length ?? 0);
    expect(letters, 'the lesson has text').toBeGreaterThan(200);
    expect(kana / letters, `Japanese share of the letters on /ja/${slug}/`).toBeGreaterThanOrEqual(0.6);
  });
}

/** The scrolling lesson column and where the n-th Command of the lesson sits in it. */
async function commandOffset(page: Page, index: number): Promise<number> {
  return page.evaluate((n) => {
    const main = document.querySelector<HTMLElement>('main.lesson')!;
    const command = [...main.querySelectorAll<HTMLElement>('article figure.command')].filter((element) => !element.closest('.check'))[n]!;
    return command.getBoundingClientRect().top - main.getBoundingClientRect().top;
  }, index);
}

test('the language switch keeps the reader at the same command, both ways', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/en/service-alb/');
  // The reader has scrolled to the sixth command of the lesson, 40 px below the top of the column.
  await page.evaluate(() => {
    const main = document.querySelector<HTMLElement>('main.lesson')!;
    const command = [...main.querySelectorAll<HTMLElement>('article figure.command')][5]!;
    main.scrollTop += command.getBoundingClientRect().top - main.getBoundingClientRect().top - 40;
  });
  expect(Math.abs((await commandOffset(page, 5)) - 40)).toBeLessThan(2);

  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '日本語' }).click();
  await expect(page).toHaveURL(/\/ja\/service-alb\/$/);
  await expect.poll(() => commandOffset(page, 5)).toBeGreaterThan(0);
  expect(Math.abs((await commandOffset(page, 5)) - 40), 'the same command near the same place in Japanese').toBeLessThan(60);

  await page.getByRole('navigation', { name: '言語' }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/service-alb\/$/);
  await expect.poll(() => commandOffset(page, 5)).toBeGreaterThan(0);
  expect(Math.abs((await commandOffset(page, 5)) - 40), 'and back in English').toBeLessThan(60);
});

async function resetProgress(request: APIRequestContext) {
  const response = await request.post('/api/progress/reset', { headers: { origin, 'content-type': 'application/json' }, data: {} });
  expect(response.ok()).toBe(true);
}

/** Names of products and settings that Japanese text writes in Latin letters too. */
const properNames = new Set(['Docker', 'Desktop', 'Linux', 'macOS', 'Windows', 'AWS', 'CLI', 'Colima', 'Rancher', 'DOCKER_HOST', 'Fargate', 'ECS']);

test('a failing Check on a Japanese page is Japanese throughout, outside code and values', async ({ page, request }) => {
  await resetProgress(request);
  rmSync(e2eDockerSocket, { force: true }); // the e2e Docker socket is dead: the Check fails
  try {
    await page.goto('/ja/before-you-start/');
    const check = page.locator('[data-check="setup/docker"]');
    await check.getByRole('button', { name: 'チェック' }).click();
    const result = check.locator('[data-check-result]');
    await expect(result).toHaveAttribute('data-status', 'fail');
    await expect(result).toContainText('まだです');
    await expect(result.getByRole('button', { name: 'コピー' })).toBeVisible();
    await expect(result.getByRole('button', { name: '実行' })).toBeVisible();
    // Values (what was expected and found) are Japanese words where they are words.
    await expect(result.locator('dd').first()).toContainText('Server の項目がある');

    const words = await check.evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      // Code, commands and the values themselves (a socket path, an error code) stay as they are.
      for (const node of copy.querySelectorAll('code, pre, [data-command], dd, button')) node.remove();
      return copy.textContent ?? '';
    });
    // Paths and addresses in the text (the Docker socket) are values too.
    const prose = words.replace(/[a-z]+:\/\/\S*|\/[\w./-]+/g, ' ');
    const english = (prose.match(/[A-Za-z][A-Za-z_.-]*/g) ?? []).filter((word) => !properNames.has(word));
    expect(english, `Latin words in the Japanese Check: ${words}`).toEqual([]);
    expect(words).toMatch(japanese);
    // The screen-reader announcement: the Japanese step title, status and summary.
    await expect(check.getByRole('status')).toContainText('まだです。');
  } finally {
    await resetProgress(request);
  }
});

/** Latin words a Japanese diagram may keep: AWS and product names, units, and what the learner types. */
const diagramNames = new Set([
  'AWS', 'Amazon', 'ECS', 'ECR', 'Public', 'Fargate', 'FARGATE', 'ALB', 'VPC', 'IGW', 'AZ', 'IP', 'SG', 'CloudFormation', 'CloudWatch', 'Logs',
  'Docker', 'Hub', 'Dockerfile', 'RunTask', 'curl', 'httpd', 'docker', 'login', 'tag', 'push', 'pull', 'build', 'run', 'latest', 'linux',
  'amd', 'vCPU', 'GB', 'awsvpc', 'app', 'ip', 'tcp', 'port', 'image', 'logs', 'awslogs', 'http', 'a', 'c',
  'ecsTaskExecutionRole', // the default execution role name, a value like the others
]);

const diagramLessons = ['containers', 'dockerfile', 'ecr', 'network', 'cluster', 'task-definition', 'standalone-task', 'service-alb', 'self-healing', 'new-version', 'cleanup', 'cloudformation'];

for (const lang of ['ja', 'en'] as const) {
  test(`diagrams on /${lang}/ speak ${lang === 'ja' ? 'Japanese' : 'English'}, use the learner's names, draw text at 12 px or more and keep it inside its box`, async ({ page }) => {
    test.setTimeout(240_000); // twelve lesson pages
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const slug of diagramLessons) {
      await page.goto(`/${lang}/${slug}/`);
      const diagrams = page.locator('figure.diagram svg');
      expect(await diagrams.count(), `/${lang}/${slug}/ has a diagram`).toBeGreaterThan(0);
      const found = await diagrams.evaluateAll((svgs) =>
        svgs.flatMap((svg) => {
          const box = (svg as SVGSVGElement).viewBox.baseVal;
          const scale = (svg as SVGSVGElement).getScreenCTM()!.a;
          const rects = [...svg.querySelectorAll('rect')].map((rect) => rect.getBBox());
          return [...svg.querySelectorAll('text')].map((text) => {
            const bounds = text.getBBox();
            const x = Number(text.getAttribute('x')), y = Number(text.getAttribute('y'));
            // The smallest box the text is anchored in is the one it must stay inside.
            const holder = rects.filter((r) => r.x <= x && x <= r.x + r.width && r.y <= y && y <= r.y + r.height).sort((a, b) => a.width * a.height - b.width * b.height)[0];
            const inside = (r: DOMRect) => bounds.x >= r.x - 0.5 && bounds.x + bounds.width <= r.x + r.width + 0.5;
            return {
              text: text.textContent ?? '',
              mono: text.classList.contains('wbd-mono'),
              px: parseFloat(getComputedStyle(text).fontSize) * scale,
              inSvg: bounds.x >= box.x && bounds.x + bounds.width <= box.x + box.width && bounds.y >= box.y && bounds.y + bounds.height <= box.y + box.height,
              inBox: holder ? inside(holder as DOMRect) : true,
            };
          });
        }),
      );
      for (const label of found) {
        expect(label.px, `${slug}: "${label.text}" is drawn at ${label.px.toFixed(1)} px`).toBeGreaterThanOrEqual(12);
        expect(label.inSvg, `${slug}: "${label.text}" leaves the diagram`).toBe(true);
        expect(label.inBox, `${slug}: "${label.text}" overflows its box`).toBe(true);
        if (lang === 'ja' && !label.mono) {
          // Resource names (with - or digits) are the learner's own values; other words must be Japanese or a name.
          const words = (label.text.match(/[A-Za-z][A-Za-z0-9_.:/-]*/g) ?? []).filter((word) => !/[-0-9/:]/.test(word) && !diagramNames.has(word));
          expect(words, `${slug}: English in "${label.text}"`).toEqual([]);
        }
      }
    }
  });
}

// Lesson 07's second diagram: a task's life, in the order ECS reports it as lastStatus, with what
// happens in each state in the page's language, and where to look when the task has stopped.
for (const [lang, stopped, look] of [['ja', '停止コードと停止理由', 'タスクが停止したら'], ['en', 'stopCode and stoppedReason', 'When a task stops']] as const) {
  test(`/${lang}/standalone-task/ draws the task lifecycle, PROVISIONING to STOPPED, in ${lang === 'ja' ? 'Japanese' : 'English'}`, async ({ page }) => {
    await page.goto(`/${lang}/standalone-task/`);
    const lifecycle = page.locator('figure.diagram svg').filter({ hasText: 'DEPROVISIONING' });
    await expect(lifecycle).toHaveCount(1);
    const texts = await lifecycle.locator('text').allTextContents();
    const states = texts.filter((text) => /^[A-Z]+$/.test(text));
    expect(states).toEqual(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);
    expect(texts.join('\n')).toContain(stopped);
    expect(texts.join('\n')).toContain(look);
    expect(texts.join('\n')).toContain('aws logs tail /ecs/');
  });
}

test('a diagram shows the learner’s own resource names', async ({ page, request }) => {
  const put = (settings: Record<string, string>) => request.put('/api/settings', { headers: { origin, 'content-type': 'application/json' }, data: settings });
  const saved = await put({ cluster: 'my-own-cluster' });
  expect(saved.ok(), await saved.text()).toBe(true);
  try {
    await page.goto('/ja/cluster/');
    await expect(page.locator('figure.diagram svg')).toContainText('クラスター my-own-cluster');
  } finally {
    await put({});
  }
});

test('a page not found under /ja/ answers in Japanese', async ({ page }) => {
  const response = await page.goto('/ja/no-such-lesson/');
  expect(response?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { name: 'ページが見つかりません' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('/ja/no-such-lesson/ にはページがありません。');
  await page.getByRole('link', { name: 'レッスン一覧へ' }).click();
  await expect(page).toHaveURL(/\/ja\/$/);
});

test('the Japanese home page shows yen beside every dollar of the costs, and the rate once', async ({ page }) => {
  await page.goto('/ja/');
  const costs = await page.locator('.lesson-card .meta').allTextContents();
  const dollars = costs.join('\n').match(/US\$[\d.]+/g) ?? [];
  const withYen = costs.join('\n').match(/US\$[\d.]+（約[\d.,]+円）/g) ?? [];
  expect(withYen.length, 'some lessons cost money').toBeGreaterThan(0);
  expect(withYen.length).toBe(dollars.length);
  await expect(page.locator('[data-exchange-rate]')).toHaveCount(1);
  await expect(page.locator('[data-exchange-rate]')).toContainText('1 米ドル = 150 円');
});

test('Japanese pages use Japanese fonts and line breaking, and never split inline code', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 }); // a phone: the narrowest column
  await page.goto('/ja/service-alb/');
  const style = await page.locator('main.lesson article p').first().evaluate((element) => {
    const computed = getComputedStyle(element);
    return { font: computed.fontFamily, lineBreak: computed.lineBreak, lineHeight: parseFloat(computed.lineHeight) / parseFloat(computed.fontSize) };
  });
  for (const face of ['Hiragino Sans', 'Yu Gothic', 'Meiryo', 'Noto Sans CJK JP']) expect(style.font).toContain(face);
  expect(style.lineBreak).toBe('strict');
  expect(style.lineHeight).toBeGreaterThanOrEqual(1.7);
  // Every inline code (a resource name, an option) is one box, never split between two lines of
  // the text; none pushes the page sideways or hides its end in a box that scrolls sideways; one
  // longer than the column (the workspace path on /ja/dockerfile/) wraps inside its box instead.
  for (const path of ['/ja/service-alb/', '/ja/dockerfile/']) {
    if (path !== '/ja/service-alb/') await page.goto(path);
    const codes = await page.locator('main.lesson article :not(pre, code) > code').evaluateAll((elements) =>
      elements.map((code) => {
        const column = code.closest('article')!.getBoundingClientRect();
        const box = code.getBoundingClientRect();
        const style = getComputedStyle(code);
        return {
          text: code.textContent,
          split: code.getClientRects().length > 1,
          hidden: code.scrollWidth > code.clientWidth + 1 || style.overflowX === 'auto' || style.overflowX === 'scroll',
          outside: box.right > column.right + 1,
          lines: Math.round(box.height / parseFloat(style.lineHeight)),
        };
      }),
    );
    expect(codes.filter((code) => code.split || code.hidden || code.outside), path).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    if (path === '/ja/dockerfile/') expect(codes.some((code) => code.lines > 1), 'the long workspace path wraps').toBe(true);
  }
});
