/**
 * Under 1000 px wide (phones, portrait tablets) there is no room for the lesson beside the
 * terminal, and a terminal under a long lesson is never where the learner looks. The two become
 * views of one screen, switched by two tabs at the bottom; Run (and "Go to the terminal") switch to
 * the terminal. The hidden view is inert, so neither Tab nor a screen reader wanders into it.
 */
export const narrowQuery = '(max-width: 1000px)';
type View = 'lesson' | 'terminal';

export function setupLessonView(page: HTMLElement) {
  const tabs = [...page.querySelectorAll<HTMLButtonElement>('[data-view-tab]')];
  const pane = page.querySelector<HTMLElement>('[data-terminal-pane]');
  if (tabs.length === 0 || !pane) return;
  const narrow = window.matchMedia(narrowQuery);

  function show(view: View, moveFocus = false) {
    page.dataset.view = view;
    for (const tab of tabs) {
      const selected = tab.dataset.viewTab === view;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    // Everything but the terminal and the tabs is behind the terminal view; on a wide screen nothing is.
    const covered = narrow.matches && view === 'terminal';
    for (const element of [...document.body.children, ...page.children] as HTMLElement[]) {
      if (element === page || element === pane || element.contains(tabs[0]!) || element.tagName === 'SCRIPT') continue;
      element.inert = covered;
    }
    if (moveFocus) tabs.find((tab) => tab.dataset.viewTab === view)?.focus();
  }

  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => show(tab.dataset.viewTab as View));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      event.preventDefault();
      const next = tabs[(index + step + tabs.length) % tabs.length]!;
      show(next.dataset.viewTab as View, true);
    });
  });
  window.addEventListener('workbook:show-terminal', () => {
    if (!narrow.matches) return;
    // A keyboard user who pressed Run in the lesson would otherwise be left on a button that just became inert.
    const focusWasInLesson = !!document.activeElement && document.activeElement !== document.body && !pane.contains(document.activeElement);
    show('terminal', focusWasInLesson);
  });
  narrow.addEventListener('change', () => show((page.dataset.view as View) ?? 'lesson'));
  show('lesson');
}
