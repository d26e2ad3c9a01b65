/**
 * Keeps the live maps (`[data-live-map]`, `[data-live-map-list]`), the cost panel
 * (`[data-cost-panel]`) and the home page's reminder (`[data-cost-reminder]`) current: first from
 * `GET /api/resources`, then from each progress event, which carries the learner's resources.
 */
import type { ResourcesView } from '../server/resources-view.ts';
import type { Language } from '../i18n/languages.ts';
import { buildMap } from '../map/map-model.ts';
import { renderCost, renderMap, renderMapList, type Labels } from '../map/render-map.ts';
import { formatUsd } from '../cost/format-money.ts';
import type { ResourceType } from '../resources/resource-schema.ts';

interface PageData {
  labels: Labels;
  vars: Record<string, string>;
  asOf: string;
  lang: Language;
}

let started = false;
let latest: ResourcesView | undefined;

function pageData(): PageData | undefined {
  const element = document.querySelector('[data-resource-labels]');
  return element ? (JSON.parse(element.textContent ?? '{}') as PageData) : undefined;
}

const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);

function paint(data: PageData, view: ResourcesView) {
  latest = view;
  const types = (element: HTMLElement) => (element.dataset.types ?? '').split(',').filter(Boolean) as ResourceType[];
  for (const element of document.querySelectorAll<HTMLElement>('[data-live-map]')) {
    element.innerHTML = renderMap(buildMap(types(element), view.resources, data.vars), data.labels, element.dataset.groupLevel === '2' ? 2 : 3);
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-live-map-list]')) {
    element.innerHTML = renderMapList(buildMap(types(element), view.resources, data.vars), data.labels);
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-map-updated]')) {
    element.hidden = !view.updatedAt;
    if (view.updatedAt) element.textContent = fill(data.labels['map.updated'] ?? '', { at: new Date(view.updatedAt).toLocaleString(data.lang === 'ja' ? 'ja-JP' : 'en-US') });
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-cost-panel]')) {
    element.innerHTML = renderCost(view.cost, data.labels, data.lang, data.asOf);
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-cost-reminder]')) {
    const running = view.cost.usdPerHour > 0;
    element.hidden = !running;
    element.textContent = running ? fill(data.labels['cost.reminder'] ?? '', { usd: formatUsd(view.cost.usdPerHour, data.lang) }) : '';
  }
}

async function refresh(data: PageData) {
  try {
    const response = await fetch('/api/resources');
    // Not signed in (401): the server-painted map with "sign in" stays as it is.
    if (!response.ok) return;
    paint(data, (await response.json()) as ResourcesView);
  } catch (error) {
    for (const element of document.querySelectorAll<HTMLElement>('[data-cost-panel]')) {
      element.textContent = fill(data.labels['map.failed'] ?? '', { reason: (error as Error).message });
    }
  }
}

export function startLiveResources() {
  if (started) return;
  started = true;
  const data = pageData();
  if (!data) return;
  void refresh(data);
  window.addEventListener('workbook:progress', (event) => {
    const detail = (event as CustomEvent<{ resources?: ResourcesView }>).detail;
    if (detail?.resources) paint(data, detail.resources);
    else void refresh(data);
  });
  window.addEventListener('workbook:settings', (event) => {
    const detail = (event as CustomEvent<{ variables?: Record<string, string> }>).detail;
    if (!detail?.variables) return;
    data.vars = detail.variables;
    if (latest) paint(data, latest);
  });
}
