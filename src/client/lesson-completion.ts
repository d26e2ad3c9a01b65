/** Keeps each lesson's completion in the sidebar (LessonCompletion.astro) current from the live progress events. */
import { completionState } from '../lessons/course-navigation.ts';
import type { ProgressNews } from './progress-client.ts';

export function keepLessonCompletionCurrent() {
  window.addEventListener('workbook:progress', (event) => {
    const { statuses } = (event as CustomEvent<ProgressNews>).detail;
    for (const holder of document.querySelectorAll<HTMLElement>('[data-lesson-steps]')) {
      const steps = (holder.dataset.lessonSteps ?? '').split(',').filter(Boolean);
      const done = steps.filter((id) => statuses[id] === 'pass').length;
      const state = completionState(done, steps.length);
      const icons = JSON.parse(holder.dataset.icons ?? '{}') as Record<string, string>;
      holder.dataset.state = state;
      holder.querySelector('.lesson-completion-visual')!.textContent = `${icons[state] ?? ''} ${done}/${steps.length}`;
      holder.querySelector('.lesson-completion-text')!.textContent =
        state === 'all' ? (holder.dataset.doneText ?? '') : (holder.dataset.template ?? '').replace('{done}', String(done)).replace('{total}', String(steps.length));
    }
  });
}
