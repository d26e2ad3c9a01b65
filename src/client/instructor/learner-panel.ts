/**
 * `<learner-panel>`: one learner — their terminal, live and read-only, with "Take control" (which
 * the learner must accept in their own browser), and their latest result per step with its items
 * and hints. It reads /api/instructor/learners/<id> whenever the room changes.
 */
import { fill, type ControlState, type RoomConfig } from './room-types.ts';
import { watchTerminal, type WatchStatus } from './watch-terminal.ts';

interface LearnerView {
  id: string;
  name: string;
  control: ControlState;
  steps: { id: string; status: string; attempts: number; stuck?: boolean; result?: { summary: string; items: { status: string; label: string; expected?: string; actual?: string; hint?: string; fix?: string }[] } }[];
}

export class LearnerPanel extends HTMLElement {
  config!: RoomConfig;
  learner: string | undefined;
  #view: LearnerView | undefined;
  #terminal: ReturnType<typeof watchTerminal> | undefined;
  #control: ControlState = { state: 'none' };
  #reading = 0;

  connectedCallback() {
    this.querySelector('[data-learner-close]')!.addEventListener('click', () => this.close());
    this.querySelector('[data-control-request]')!.addEventListener('click', () => void this.#ask('request'));
    this.querySelector('[data-control-end]')!.addEventListener('click', () => void this.#ask('end'));
  }

  async open(learner: string) {
    if (this.learner !== learner) {
      this.learner = learner;
      this.#terminal?.dispose();
      this.#view = undefined;
      this.#control = { state: 'none' };
      this.hidden = false;
      this.querySelector('[data-learner-name]')!.textContent = learner;
      this.querySelector('[data-control-status]')!.textContent = '';
      this.#terminal = watchTerminal(this.querySelector<HTMLElement>('[data-watch-screen]')!, {
        secret: this.config.secret,
        session: learner,
        label: this.config.strings['room.learner.terminal'],
        onStatus: (status) => this.#watchStatus(status),
      });
    }
    this.hidden = false;
    await this.refresh();
    this.querySelector<HTMLElement>('[data-learner-section]')!.focus();
  }

  close() {
    this.#terminal?.dispose();
    this.#terminal = undefined;
    this.learner = undefined;
    this.hidden = true;
    this.dispatchEvent(new CustomEvent('learner-closed', { bubbles: true }));
  }

  async refresh() {
    const learner = this.learner;
    if (!learner) return;
    const ticket = ++this.#reading;
    const response = await fetch(`/api/instructor/learners/${encodeURIComponent(learner)}?lang=${this.config.lang}`, { cache: 'no-store' });
    if (ticket !== this.#reading || learner !== this.learner || !response.ok) return;
    this.#view = (await response.json()) as LearnerView;
    this.#control = this.#view.control;
    this.#render();
  }

  /** A take-control change for this learner, from the room's stream. */
  controlChanged(learner: string, state: ControlState) {
    if (learner !== this.learner) return;
    this.#control = state;
    this.#renderControl();
  }

  async #ask(action: 'request' | 'end') {
    if (!this.learner) return;
    const response = await fetch('/api/instructor/control', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ learner: this.learner, action }) });
    const body = (await response.json()) as ControlState & { error?: string };
    if (!response.ok) {
      this.querySelector('[data-control-status]')!.textContent = body.error ?? `HTTP ${response.status}`;
      return;
    }
    this.#control = body;
    this.#renderControl();
  }

  #watchStatus(status: WatchStatus) {
    const s = this.config.strings;
    this.querySelector('[data-watch-status]')!.textContent = { connecting: s['room.learner.terminal-connecting'], watching: s['room.learner.terminal-watching'], 'no-shell': s['room.learner.terminal-none'] }[status];
  }

  #renderControl() {
    const s = this.config.strings;
    const name = this.#view?.name ?? this.learner ?? '';
    const { state, last } = this.#control;
    const request = this.querySelector<HTMLButtonElement>('[data-control-request]')!;
    const end = this.querySelector<HTMLButtonElement>('[data-control-end]')!;
    request.hidden = state !== 'none';
    end.hidden = state === 'none';
    end.textContent = state === 'requested' ? s['room.control.cancel'] : s['room.control.end'];
    this.querySelector('[data-terminal-heading]')!.textContent = state === 'active' ? s['room.learner.terminal-controlled'] : s['room.learner.terminal'];
    const status =
      state === 'requested' ? fill(s['room.control.requested'], { name })
      : state === 'active' ? fill(s['room.control.active'], { name })
      : last === 'declined' ? fill(s['room.control.declined'], { name })
      : last ? s['room.control.ended']
      : '';
    this.querySelector('[data-control-status]')!.textContent = status;
    this.dataset.control = state;
  }

  #render() {
    const view = this.#view;
    if (!view) return;
    const s = this.config.strings;
    this.querySelector('[data-learner-name]')!.textContent = view.name;
    this.#renderControl();
    const titles = new Map(this.config.steps.map((step) => [step.id, step]));
    const done = view.steps.filter((step) => step.status !== 'not-started');
    const holder = this.querySelector('[data-learner-results]')!;
    if (done.length === 0) {
      const none = document.createElement('p');
      none.textContent = s['room.learner.none'];
      holder.replaceChildren(none);
      return;
    }
    const list = document.createElement('ul');
    list.className = 'learner-results';
    for (const step of done) {
      const li = document.createElement('li');
      li.dataset.resultStep = step.id;
      const head = document.createElement('p');
      const status = document.createElement('span');
      status.className = `status status-${step.status}`;
      status.textContent = s[`step.status.${step.status as 'pass'}`] ?? step.status;
      const title = titles.get(step.id);
      head.append(status, ` ${title ? title.title : step.id} — ${fill(s['room.cell.attempts'], { count: step.attempts })}`);
      li.append(head);
      if (step.result) {
        const summary = document.createElement('p');
        summary.textContent = step.result.summary;
        li.append(summary);
        const items = document.createElement('ul');
        for (const item of step.result.items) {
          const entry = document.createElement('li');
          const label = s[`check.item.${item.status as 'pass'}`] ?? item.status;
          entry.append(`${label}: ${item.label}`);
          if (item.actual !== undefined && item.status !== 'pass') entry.append(` (${s['room.diagnosis.found']}: ${item.actual})`);
          if (item.hint) {
            const hint = document.createElement('p');
            hint.className = 'hint';
            hint.textContent = item.hint;
            entry.append(hint);
          }
          if (item.fix) {
            const fix = document.createElement('pre');
            const code = document.createElement('code');
            code.textContent = item.fix;
            fix.append(code);
            entry.append(fix);
          }
          items.append(entry);
        }
        li.append(items);
      }
      list.append(li);
    }
    holder.replaceChildren(list);
  }
}

customElements.define('learner-panel', LearnerPanel);
