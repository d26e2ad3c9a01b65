/**
 * Keeps the home page's "Continue where you left off" link current when a step passes in another
 * tab or from the terminal: the first step badge in course order that is not "pass" names the
 * step, and its link on the page is where to continue.
 */
export function keepContinueLinkCurrent() {
  const holder = document.querySelector<HTMLElement>('[data-continue]');
  if (!holder) return;
  window.addEventListener('workbook:progress', () => {
    const badges = [...document.querySelectorAll<HTMLElement>('.lesson-steps [data-step-status]')];
    if (!badges.some((badge) => badge.dataset.status === 'pass')) return; // not started: keep "Start with …"
    const next = badges.find((badge) => badge.dataset.status !== 'pass');
    if (!next) {
      holder.replaceChildren(Object.assign(document.createElement('span'), { textContent: holder.dataset.allPassed ?? '' }));
      return;
    }
    const stepLink = next.parentElement?.querySelector<HTMLAnchorElement>('a');
    const lesson = next.closest<HTMLElement>('[data-lesson-title]')?.dataset.lessonTitle ?? '';
    if (!stepLink) return;
    const link = document.createElement('a');
    link.className = 'continue-link';
    link.href = stepLink.getAttribute('href') ?? '';
    link.textContent = (holder.dataset.template ?? '').replace('{step}', stepLink.textContent ?? '').replace('{lesson}', lesson);
    holder.replaceChildren(link);
  });
}
