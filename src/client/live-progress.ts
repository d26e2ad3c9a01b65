/**
 * Keeps every status badge (`[data-step-status]`), the course progress (`[data-course-progress]`)
 * and the learner's values in commands and prose (`.wb-var[data-var]`: Command, Var) current, from the server's events:
 * a Check in another tab or a CLI run in the terminal shows up here without a reload.
 */
import { isShellSafeValue } from '../lessons/command-variables.ts';
import { connect, onProgress, onSettings, type Statuses } from './progress-client.ts';

function labels(): Record<string, string> {
  const element = document.getElementById('wb-live-labels');
  return element ? (JSON.parse(element.textContent ?? '{}') as Record<string, string>) : {};
}

export function applyStatuses(statuses: Statuses) {
  const text = labels();
  for (const badge of document.querySelectorAll<HTMLElement>('[data-step-status]')) {
    const status = statuses[badge.dataset.stepStatus!] ?? 'not-started';
    if (badge.dataset.status === status) continue;
    badge.dataset.status = status;
    badge.className = `status status-${status}`;
    badge.textContent = text[status] ?? status;
  }
  for (const progress of document.querySelectorAll<HTMLElement>('[data-course-progress]')) {
    const steps = (progress.dataset.steps ?? '').split(',').filter(Boolean);
    const done = steps.filter((id) => statuses[id] === 'pass').length;
    progress.textContent = (progress.dataset.template ?? '{done}/{total}').replace('{done}', String(done)).replace('{total}', String(steps.length));
    const bar = document.querySelector<HTMLElement>('[role="progressbar"]');
    bar?.setAttribute('aria-valuenow', String(done));
    const fill = bar?.querySelector<HTMLElement>('span');
    if (fill) fill.style.width = `${steps.length ? (100 * done) / steps.length : 0}%`;
  }
}

export function applyVariables(values: Record<string, unknown>) {
  for (const span of document.querySelectorAll<HTMLElement>('.wb-var[data-var]')) {
    const value = values[span.dataset.var!];
    // Run types these into the shell: a value a shell would not read as plain text is never shown.
    if (typeof value !== 'string' || !value || !isShellSafeValue(value)) continue;
    span.textContent = value;
    span.classList.remove('wb-var-missing');
  }
}

export async function refreshVariables() {
  const response = await fetch('/api/settings');
  if (!response.ok) return;
  const view = (await response.json()) as { variables: Record<string, unknown> };
  applyVariables(view.variables);
  window.dispatchEvent(new CustomEvent('workbook:settings', { detail: view }));
}

let started = false;

export function startLiveProgress() {
  if (started) return;
  started = true;
  onProgress((news) => {
    applyStatuses(news.statuses);
    window.dispatchEvent(new CustomEvent('workbook:progress', { detail: news }));
  });
  onSettings(() => void refreshVariables());
  connect();
}
