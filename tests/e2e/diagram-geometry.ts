/**
 * Measures a lesson's diagrams in the browser: each text's rendered font size in CSS pixels, any
 * text that overflows the smallest box it sits in, and any arrow that runs through a text.
 */
import type { Page } from '@playwright/test';

export interface DiagramProblems {
  smallText: { text: string; px: number }[];
  overflowing: { text: string; box: string }[];
  crossed: { text: string; arrow: string }[];
}

export function measureDiagrams(page: Page): Promise<DiagramProblems[]> {
  return page.locator('.diagram svg').evaluateAll((svgs) =>
    (svgs as SVGSVGElement[]).map((svg) => {
      const problems = { smallText: [], overflowing: [], crossed: [] } as DiagramProblems;
      const texts = [...svg.querySelectorAll('text')].filter((text) => (text.textContent ?? '').trim());
      const rects = [...svg.querySelectorAll('rect')].map((rect) => rect.getBBox());
      const arrows = [...svg.querySelectorAll<SVGPathElement>('path[class*="wbd-arrow"], line[class*="wbd-arrow"]')];
      for (const text of texts) {
        const label = text.textContent!.trim();
        // Rendered size: the font size in user units times the drawing's scale on screen.
        const scale = text.getScreenCTM()!.a;
        const px = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (px < 11.95) problems.smallText.push({ text: label, px: Math.round(px * 10) / 10 });
        const box = text.getBBox();
        const centreX = box.x + box.width / 2;
        const centreY = box.y + box.height / 2;
        // The smallest box around the text's centre is the one it belongs to.
        const holders = rects
          .filter((rect) => rect.x <= centreX && centreX <= rect.x + rect.width && rect.y <= centreY && centreY <= rect.y + rect.height)
          .sort((a, b) => a.width * a.height - b.width * b.height);
        const holder = holders[0];
        if (holder && (box.x < holder.x + 1 || box.x + box.width > holder.x + holder.width - 1)) {
          problems.overflowing.push({ text: label, box: `${holder.x},${holder.y} ${holder.width}×${holder.height}` });
        }
        // An arrow crosses a label when a point along it falls inside the label's box.
        for (const arrow of arrows) {
          const length = arrow instanceof SVGPathElement ? arrow.getTotalLength() : 0;
          for (let at = 0; at <= length; at += 1) {
            const point = arrow.getPointAtLength(at);
            if (point.x > box.x - 1 && point.x < box.x + box.width + 1 && point.y > box.y && point.y < box.y + box.height) {
              problems.crossed.push({ text: label, arrow: arrow.getAttribute('d') ?? '' });
              break;
            }
          }
        }
      }
      return problems;
    }),
  );
}
