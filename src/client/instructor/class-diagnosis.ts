/**
 * `<class-diagnosis>`: one row per step with the sentence to read out to the room, the counts
 * (mistakes apart from "could not check"), and a button that shows the hint and the fix the Check
 * gives for the top item, so the instructor can explain it.
 */
import { fill, type RenderedCommonItem, type Room, type RoomConfig } from './room-types.ts';

export class ClassDiagnosis extends HTMLElement {
  config!: RoomConfig;
  #room: Room | undefined;
  #lesson = '';
  #open = new Set<string>();

  connectedCallback() {
    this.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-explain]');
      if (!button) return;
      const step = button.dataset.explain!;
      if (this.#open.has(step)) this.#open.delete(step);
      else this.#open.add(step);
      this.#render();
      this.querySelector<HTMLButtonElement>(`button[data-explain="${CSS.escape(step)}"]`)?.focus();
    });
  }

  set room(room: Room) {
    this.#room = room;
    this.#render();
  }

  set lesson(lesson: string) {
    this.#lesson = lesson;
    this.#render();
  }

  #item(heading: string, item: RenderedCommonItem): HTMLElement {
    const s = this.config.strings;
    const box = document.createElement('div');
    const title = document.createElement('h3');
    title.textContent = `${heading}: ${item.label}`;
    box.append(title);
    const line = (label: string, text: string | undefined, pre = false) => {
      if (!text) return;
      const p = document.createElement(pre ? 'pre' : 'p');
      if (pre) {
        const code = document.createElement('code');
        code.textContent = text;
        const name = document.createElement('strong');
        name.textContent = `${label}: `;
        const wrap = document.createElement('p');
        wrap.append(name);
        box.append(wrap);
        p.append(code);
      } else {
        const name = document.createElement('strong');
        name.textContent = `${label}: `;
        p.append(name, text);
      }
      box.append(p);
    };
    line(s['room.diagnosis.found'], item.detail);
    line(s['room.diagnosis.hint'], item.hint);
    line(s['room.diagnosis.fix'], item.fix, true);
    if (item.details) line('', item.details, true);
    return box;
  }

  #render() {
    const room = this.#room;
    if (!room) return;
    const s = this.config.strings;
    const titles = new Map(this.config.steps.map((step) => [step.id, step]));
    const list = document.createElement('ul');
    list.className = 'diagnosis-list';
    for (const entry of room.diagnosis) {
      const info = titles.get(entry.step);
      if (this.#lesson && info?.lesson !== this.#lesson) continue;
      const li = document.createElement('li');
      li.dataset.diagnosisStep = entry.step;
      const name = document.createElement('p');
      name.className = 'step-name';
      name.textContent = info ? `${info.lessonTitle} › ${info.title}` : entry.step;
      const sentence = document.createElement('p');
      sentence.className = 'sentence';
      sentence.textContent = entry.sentence;
      const counts = document.createElement('p');
      counts.className = 'counts';
      counts.textContent = fill(s['room.diagnosis.counts'], { passed: entry.passed, failing: entry.failing, pending: entry.pending, error: entry.couldNotCheck, notStarted: entry.notStarted });
      li.append(name, sentence, counts);
      if (entry.topFailing || entry.topCouldNotCheck) {
        const open = this.#open.has(entry.step);
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.explain = entry.step;
        button.textContent = s['room.diagnosis.explain'];
        button.setAttribute('aria-expanded', String(open));
        const panelId = `explain-${entry.step.replace(/[^a-z0-9-]/g, '-')}`;
        button.setAttribute('aria-controls', panelId);
        li.append(button);
        const panel = document.createElement('div');
        panel.className = 'diagnosis-explain';
        panel.id = panelId;
        panel.hidden = !open;
        if (entry.topFailing) panel.append(this.#item(s['room.diagnosis.mistake'], entry.topFailing));
        if (entry.topCouldNotCheck) panel.append(this.#item(s['room.diagnosis.could-not-check'], entry.topCouldNotCheck));
        li.append(panel);
      }
      list.append(li);
    }
    this.replaceChildren(list);
  }
}

customElements.define('class-diagnosis', ClassDiagnosis);
