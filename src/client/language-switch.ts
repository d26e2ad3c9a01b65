/**
 * The language switch keeps the reader's place. Both languages of a lesson have the same Steps,
 * Commands and diagrams in the same order (the parity test makes sure), so the place is saved as
 * "the n-th of those landmarks, this far through it" and restored on the other page.
 */
const storageKey = 'ecs-workbook:language-switch-place';

interface Place { path: string; index: number; fraction: number }

function scroller(): HTMLElement {
  const main = document.querySelector<HTMLElement>('main.lesson');
  // On wide screens the lesson column scrolls by itself; on narrow ones the whole page does.
  return main && main.scrollHeight > main.clientHeight + 1 && getComputedStyle(main).overflowY !== 'visible' ? main : (document.scrollingElement as HTMLElement);
}

function landmarks(): HTMLElement[] {
  const article = document.querySelector('main.lesson article');
  if (!article) return [];
  // Commands shown inside a Check result come and go; only those of the lesson itself count.
  return [...article.querySelectorAll<HTMLElement>('section.step, figure.command, figure.diagram')].filter((element) => !element.closest('.check'));
}

function top(element: HTMLElement, container: HTMLElement): number {
  const base = container === document.scrollingElement ? 0 : container.getBoundingClientRect().top;
  return element.getBoundingClientRect().top - base + container.scrollTop;
}

function currentPlace(): { index: number; fraction: number } {
  const container = scroller();
  const marks = landmarks();
  const position = container.scrollTop;
  let index = -1;
  marks.forEach((mark, i) => {
    if (top(mark, container) <= position + 1) index = i;
  });
  if (index === -1) {
    const first = marks[0];
    return { index, fraction: first ? position / Math.max(1, top(first, container)) : 0 };
  }
  const mark = marks[index]!;
  const next = marks[index + 1];
  const start = top(mark, container);
  const end = next ? top(next, container) : container.scrollHeight;
  return { index, fraction: (position - start) / Math.max(1, end - start) };
}

function restore(place: Place) {
  const container = scroller();
  const marks = landmarks();
  const mark = marks[place.index];
  let target: number;
  if (place.index === -1 || !mark) {
    const first = marks[0];
    target = first ? place.fraction * top(first, container) : 0;
  } else {
    const next = marks[place.index + 1];
    const start = top(mark, container);
    const end = next ? top(next, container) : container.scrollHeight;
    target = start + place.fraction * (end - start);
  }
  container.scrollTo({ top: target, behavior: 'instant' });
}

export function installLanguageSwitch() {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.language-switch a[hreflang]')) {
    link.addEventListener('click', () => {
      if (!document.querySelector('main.lesson')) return;
      const place = currentPlace();
      const url = new URL(link.href);
      sessionStorage.setItem(storageKey, JSON.stringify({ path: url.pathname, index: place.index, fraction: place.fraction } satisfies Place));
    });
  }
  const saved = sessionStorage.getItem(storageKey);
  if (!saved) return;
  sessionStorage.removeItem(storageKey);
  try {
    const place = JSON.parse(saved) as Place;
    if (place.path === location.pathname && !location.hash) restore(place);
  } catch {
    // A stale or foreign value: stay at the top.
  }
}
