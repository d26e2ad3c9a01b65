/**
 * The terminal pane's size and collapsed state: dragged with the handle (or its arrow keys),
 * remembered in localStorage, and applied before the terminal code loads so nothing jumps.
 * Wide screens size the pane's width (beside the lesson); on narrow ones it is a view of its own.
 */
const keys = { width: 'workbook.terminal.width', height: 'workbook.terminal.height', collapsed: 'workbook.terminal.collapsed' };
const narrow = () => window.matchMedia('(max-width: 1000px)').matches;
/** The lesson column keeps at least this width beside the terminal, however wide it is dragged. */
const lessonMinWidth = 560;

function stored(key: string): number | undefined {
  const value = Number(localStorage.getItem(key));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export function setupPaneLayout(pane: HTMLElement, onChange: () => void) {
  const page = pane.parentElement as HTMLElement;
  const handle = pane.querySelector<HTMLElement>('[data-terminal-handle]')!;
  const toggle = pane.querySelector<HTMLButtonElement>('[data-terminal-collapse]')!;

  // The sidebar is a column of its own only on the widest screens (three columns); otherwise it sits above the lesson.
  const sidebarWidth = () => (getComputedStyle(page).gridTemplateColumns.split(' ').length >= 3 ? (page.querySelector<HTMLElement>('.sidebar')?.offsetWidth ?? 0) : 0);
  const clampWidth = (px: number) => Math.round(Math.min(Math.max(px, 260), Math.max(300, page.clientWidth - sidebarWidth() - lessonMinWidth)));
  const clampHeight = (px: number) => Math.round(Math.min(Math.max(px, 160), window.innerHeight - 80));

  function apply() {
    // On a narrow screen the terminal is a whole view of its own (lesson-view.ts): never collapsed, never resized.
    const collapsed = !narrow() && localStorage.getItem(keys.collapsed) === 'true';
    pane.classList.toggle('collapsed', collapsed);
    toggle.setAttribute('aria-expanded', String(!collapsed));
    toggle.textContent = collapsed ? toggle.dataset.expandLabel! : toggle.dataset.collapseLabel!;
    toggle.title = toggle.textContent;
    const width = stored(keys.width);
    page.style.setProperty('--terminal', collapsed ? '2.5rem' : width ? `${clampWidth(width)}px` : '');
    pane.style.height = '';
    handle.hidden = collapsed || narrow();
    const size = narrow() ? pane.getBoundingClientRect().height : pane.getBoundingClientRect().width;
    handle.setAttribute('aria-orientation', narrow() ? 'horizontal' : 'vertical');
    handle.setAttribute('aria-valuenow', String(Math.round(size)));
    onChange();
  }

  function resizeTo(px: number) {
    if (narrow()) localStorage.setItem(keys.height, String(clampHeight(px)));
    else localStorage.setItem(keys.width, String(clampWidth(px)));
    apply();
  }

  handle.addEventListener('pointerdown', (down) => {
    down.preventDefault();
    handle.setPointerCapture(down.pointerId);
    const rect = pane.getBoundingClientRect();
    const move = (event: PointerEvent) => resizeTo(narrow() ? rect.bottom - event.clientY : rect.right - event.clientX);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  });
  handle.addEventListener('keydown', (event) => {
    const rect = pane.getBoundingClientRect();
    const step = event.shiftKey ? 64 : 16;
    const grow: Record<string, number> = narrow() ? { ArrowUp: step, ArrowDown: -step } : { ArrowLeft: step, ArrowRight: -step };
    const delta = grow[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    resizeTo((narrow() ? rect.height : rect.width) + delta);
  });
  toggle.addEventListener('click', () => setCollapsed(!pane.classList.contains('collapsed')));
  window.addEventListener('resize', apply);

  function setCollapsed(collapsed: boolean) {
    localStorage.setItem(keys.collapsed, String(collapsed));
    apply();
  }

  apply();
  return {
    /** Brings the terminal into view: un-collapses it, or on a narrow screen switches to its view. */
    expand: () => {
      if (narrow()) window.dispatchEvent(new CustomEvent('workbook:show-terminal'));
      else if (pane.classList.contains('collapsed')) setCollapsed(false);
    },
  };
}
