/**
 * Every lesson diagram is readable (issue 15, polish): its text is at least 12 px as drawn at
 * 1440 px wide and on a phone, no label overflows its box, and no arrow runs through a label.
 * Measured in the browser, in both languages.
 */
import { course } from '../../lessons/course.ts';
import { measureDiagrams } from './diagram-geometry.ts';
import { expect, test } from './fixtures.ts';

const viewports = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

for (const viewport of viewports) {
  for (const lang of ['en', 'ja']) {
    test(`diagrams on the ${viewport.name} (${viewport.width} px), ${lang}: text ≥ 12 px, nothing overflows, no arrow crosses a label`, async ({ page }) => {
      test.setTimeout(240_000); // thirteen lesson pages, each with its terminal
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      let diagrams = 0;
      const found: string[] = [];
      for (const lesson of course.lessons) {
        await page.goto(`/${lang}/${lesson.slug}/`);
        const measured = await measureDiagrams(page);
        diagrams += measured.length;
        measured.forEach((problems, index) => {
          const where = `${lesson.slug} diagram ${index + 1}`;
          for (const { text, px } of problems.smallText) found.push(`${where}: "${text}" is ${px} px`);
          for (const { text, box } of problems.overflowing) found.push(`${where}: "${text}" overflows its box ${box}`);
          for (const { text, arrow } of problems.crossed) found.push(`${where}: arrow ${arrow} crosses "${text}"`);
        });
        // At 1440 px the lesson column leaves every diagram whole: nothing hidden behind a sideways scroll.
        if (viewport.width === 1440) {
          const cut = await page.locator('.diagram > [role="img"]').evaluateAll((frames) =>
            frames.filter((frame) => frame.scrollWidth > frame.clientWidth + 1).map((frame) => `${frame.clientWidth} of ${frame.scrollWidth} px shown`),
          );
          for (const shown of cut) found.push(`${lesson.slug}: a diagram is cut off, ${shown}`);
        }
        // A wide diagram scrolls inside its own frame on a phone; the page never scrolls sideways.
        if (!(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth))) found.push(`${lesson.slug}: the page scrolls sideways`);
      }
      expect(diagrams).toBeGreaterThanOrEqual(13); // twelve lessons, and lesson 07 has two (the task and its lifecycle)
      expect(found).toEqual([]);
    });
  }
}
