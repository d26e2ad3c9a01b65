/**
 * `<room-grid>`: learners × steps as a table with the grid keyboard pattern (one tab stop; the
 * arrow keys, Home and End move; Enter or Space opens the learner). Each cell is a button whose
 * text a screen reader announces ("Ana Silva, The VPC exists: Not yet, stuck 12 min"); sighted
 * readers see a glyph of its own shape per status, so nothing is said by colour alone.
 *
 * It shows the room it is given with the filters it is given; it fires `learner-select`
 * ({ learner, step? }) when a learner or a cell is chosen.
 */
import { fill, type CellStatus, type Room, type RoomConfig, type RoomLearner, type StepInfo } from './room-types.ts';

export interface GridFilters {
  lesson: string;
  stuck: boolean;
  hand: boolean;
  sort: 'name' | 'progress' | 'stuck';
}

const glyphs: Record<CellStatus, string> = { pass: '✓', fail: '✗', pending: '…', error: '?', 'not-started': '·' };

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

export class RoomGrid extends HTMLElement {
  config!: RoomConfig;
  #room: Room | undefined;
  #filters: GridFilters = { lesson: '', stuck: false, hand: false, sort: 'name' };
  /** The cell that holds the tab stop, by learner and column (0 is the name). */
  #active = { learner: '', column: 0 };
  #selected = '';

  connectedCallback() {
    this.addEventListener('keydown', (event) => this.#key(event));
    this.addEventListener('focusin', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-column]');
      if (button) this.#setActive(button);
    });
    this.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-learner]');
      if (!button) return;
      this.#selected = button.dataset.learner!;
      this.dispatchEvent(new CustomEvent('learner-select', { bubbles: true, detail: { learner: button.dataset.learner, ...(button.dataset.step && { step: button.dataset.step }) } }));
      this.#render();
    });
  }

  set room(room: Room) {
    this.#room = room;
    this.#render();
  }

  set filters(filters: GridFilters) {
    this.#filters = filters;
    this.#render();
  }

  set selected(learner: string) {
    this.#selected = learner;
    this.#render();
  }

  #steps(): StepInfo[] {
    return this.config.steps.filter((step) => !this.#filters.lesson || step.lesson === this.#filters.lesson);
  }

  #learners(steps: StepInfo[]): RoomLearner[] {
    const room = this.#room!;
    const cells = (learner: string) => steps.map((step) => room.cells[learner]?.[step.id]);
    const passed = (learner: string) => cells(learner).filter((cell) => cell?.status === 'pass').length;
    const stuck = (learner: string) => cells(learner).filter((cell) => cell?.stuck).length;
    const shown = room.learners.filter((learner) => (!this.#filters.stuck || stuck(learner.id) > 0) && (!this.#filters.hand || learner.hand));
    const byName = (a: RoomLearner, b: RoomLearner) => a.name.localeCompare(b.name, this.config.lang) || a.id.localeCompare(b.id);
    const order = {
      name: byName,
      progress: (a: RoomLearner, b: RoomLearner) => passed(a.id) - passed(b.id) || byName(a, b),
      stuck: (a: RoomLearner, b: RoomLearner) => stuck(b.id) - stuck(a.id) || passed(a.id) - passed(b.id) || byName(a, b),
    }[this.#filters.sort];
    return [...shown].sort(order);
  }

  #render() {
    const room = this.#room;
    if (!room) return;
    const s = this.config.strings;
    const hadFocus = this.contains(document.activeElement);
    const steps = this.#steps();
    const learners = this.#learners(steps);
    if (room.learners.length === 0 || learners.length === 0) {
      this.replaceChildren(element('p', { className: 'room-grid-empty' }, room.learners.length === 0 ? s['room.grid.empty'] : s['room.grid.none-match']));
      return;
    }
    const now = Date.parse(room.now);
    const table = element('table', { className: 'room-table' });
    table.setAttribute('role', 'grid');
    // Every row counts: the two header rows, the learners, and the footer's "passed" row.
    table.setAttribute('aria-rowcount', String(learners.length + 3));
    table.append(element('caption', {}, fill(s['room.grid.caption'], { learners: learners.length, steps: steps.length })));

    // Two header rows: lessons over their steps, then each step's number in its lesson.
    const lessonRow = element('tr', { className: 'lessons' }, element('th', { className: 'learner', scope: 'col', rowSpan: 2 }, s['room.grid.learner']));
    const stepRow = element('tr', { className: 'steps' });
    steps.forEach((step, i) => {
      const first = i === 0 || steps[i - 1]!.lesson !== step.lesson;
      if (first) {
        const span = steps.filter((other) => other.lesson === step.lesson).length;
        lessonRow.append(element('th', { scope: 'colgroup', colSpan: span, title: step.lessonTitle, className: 'first-of-lesson' }, step.lessonTitle));
      }
      stepRow.append(element('th', { scope: 'col', title: step.title, className: first ? 'first-of-lesson' : '' }, element('span', { ariaHidden: 'true' }, String(step.index)), element('span', { className: 'visually-hidden' }, step.title)));
    });
    table.append(element('thead', {}, lessonRow, stepRow));

    const body = element('tbody');
    for (const learner of learners) {
      const row = element('tr', { className: learner.id === this.#selected ? 'selected' : '' });
      const name = element('button', { type: 'button', tabIndex: -1, dataset: { learner: learner.id, column: '0' } }, learner.hand ? `✋ ${learner.name}` : learner.name);
      if (learner.hand) name.setAttribute('aria-label', `${learner.name}, ${s['room.hand']}`);
      row.append(element('th', { scope: 'row', className: 'learner' }, name));
      steps.forEach((step, i) => {
        const cell = room.cells[learner.id]?.[step.id];
        const status: CellStatus = cell?.status ?? 'not-started';
        const stuckMinutes = cell?.stuck && cell.since ? Math.floor((now - Date.parse(cell.since)) / 60_000) : 0;
        const said = [`${learner.name}, ${step.title}: ${s[`step.status.${status}`]}`];
        if (stuckMinutes) said.push(fill(s['room.cell.stuck'], { minutes: stuckMinutes }));
        if (cell) said.push(fill(s['room.cell.attempts'], { count: cell.attempts }));
        const glyph = element('span', { className: `cell-glyph cell-${status}${stuckMinutes ? ' cell-stuck' : ''}`, ariaHidden: 'true' }, glyphs[status]);
        const button = element('button', { type: 'button', className: 'cell', tabIndex: -1, title: said.join(', '), dataset: { learner: learner.id, step: step.id, column: String(i + 1), status } }, glyph, element('span', { className: 'visually-hidden' }, said.join(', ')));
        const first = i === 0 || steps[i - 1]!.lesson !== step.lesson;
        row.append(element('td', { className: first ? 'first-of-lesson' : '' }, button));
      });
      body.append(row);
    }
    table.append(body);

    const diagnosis = new Map(room.diagnosis.map((entry) => [entry.step, entry]));
    const foot = element('tr', {}, element('th', { scope: 'row', className: 'learner' }, s['room.grid.passed']));
    for (const step of steps) {
      const entry = diagnosis.get(step.id);
      foot.append(element('td', { title: entry?.sentence ?? '' }, `${entry?.passed ?? 0}/${entry?.total ?? 0}`));
    }
    table.append(element('tfoot', {}, foot));
    this.replaceChildren(table);

    // The one tab stop stays where it was (same learner and column), or goes to the first name.
    const buttons = [...this.querySelectorAll<HTMLButtonElement>('button[data-column]')];
    const active = buttons.find((button) => button.dataset.learner === this.#active.learner && Number(button.dataset.column) === this.#active.column) ?? buttons[0]!;
    active.tabIndex = 0;
    if (hadFocus) active.focus();
  }

  #setActive(button: HTMLButtonElement) {
    for (const other of this.querySelectorAll<HTMLButtonElement>('button[tabindex="0"]')) if (other !== button) other.tabIndex = -1;
    button.tabIndex = 0;
    this.#active = { learner: button.dataset.learner!, column: Number(button.dataset.column) };
  }

  #key(event: KeyboardEvent) {
    const current = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-column]');
    if (!current) return;
    const row = current.closest('tr')!;
    const rows = [...this.querySelectorAll('tbody tr')];
    const r = rows.indexOf(row);
    const c = Number(current.dataset.column);
    const width = row.querySelectorAll('button[data-column]').length;
    const target = {
      ArrowRight: [r, Math.min(width - 1, c + 1)],
      ArrowLeft: [r, Math.max(0, c - 1)],
      ArrowDown: [Math.min(rows.length - 1, r + 1), c],
      ArrowUp: [Math.max(0, r - 1), c],
      Home: [event.ctrlKey ? 0 : r, 0],
      End: [event.ctrlKey ? rows.length - 1 : r, width - 1],
    }[event.key];
    if (!target) return;
    event.preventDefault();
    const next = rows[target[0]!]?.querySelector<HTMLButtonElement>(`button[data-column="${target[1]}"]`);
    if (!next) return;
    this.#setActive(next);
    next.focus();
  }
}

customElements.define('room-grid', RoomGrid);
