/**
 * <wb-sandbox-time-panel>: resets a learner's sandbox after a confirmation, and extends one learner's
 * time or the whole workshop's.
 */
import { clock, label, roomToolsRequest } from './room-tools-api.ts';

interface TimeView { roster: { id: string; name: string }[]; workshop: string | null; learners: Record<string, string> }

class SandboxTimePanel extends HTMLElement {
  connectedCallback() {
    const resetForm = this.querySelector<HTMLFormElement>('[data-reset-form]')!;
    const timeForm = this.querySelector<HTMLFormElement>('[data-time-form]')!;
    const learnerLists = this.querySelectorAll<HTMLSelectElement>('select');
    const status = this.querySelector<HTMLElement>('[data-time-status]')!;
    const ends = this.querySelector<HTMLElement>('[data-workshop-ends]')!;
    const render = (view: TimeView) => {
      ends.textContent = view.workshop ? label(this, 'workshopEnds', { time: clock(view.workshop) }) : label(this, 'noLimit');
      for (const select of learnerLists) {
        const chosen = select.value;
        const keep = [...select.options].filter((option) => option.value === '');
        select.replaceChildren(
          ...keep,
          ...view.roster.map((learner) => {
            const option = document.createElement('option');
            option.value = learner.id;
            option.textContent = view.learners[learner.id] ? `${learner.name} (${clock(view.learners[learner.id]!)})` : learner.name;
            return option;
          }),
        );
        select.value = chosen;
      }
    };
    const fail = (error: Error) => (status.textContent = error.message);
    resetForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const select = resetForm.querySelector('select')!;
      const learner = select.value;
      if (!learner) return;
      const name = select.selectedOptions[0]?.textContent ?? learner;
      // The confirmation: a reset deletes the learner's files, so it is asked for, by name.
      if (!window.confirm(label(this, 'confirm', { learner: name }))) return;
      roomToolsRequest('/api/instructor/reset', { learner, confirm: learner })
        .then(() => (status.textContent = label(this, 'done', { learner: name })))
        .catch(fail);
    });
    timeForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const minutes = Number(timeForm.querySelector<HTMLInputElement>('input[type=number]')!.value);
      const learner = timeForm.querySelector('select')!.value;
      roomToolsRequest<TimeView>('/api/instructor/time', { minutes, ...(learner && { learner }) })
        .then((view) => {
          status.textContent = '';
          render(view);
        })
        .catch(fail);
    });
    void roomToolsRequest<TimeView>('/api/instructor/time').then(render).catch(fail);
  }
}

if (!customElements.get('wb-sandbox-time-panel')) customElements.define('wb-sandbox-time-panel', SandboxTimePanel);
