/**
 * The live map and the cost panel as HTML strings: one renderer for the server's first paint and
 * the browser's updates, so both look the same. Every text comes from the labels the page passes
 * (the learner's language); every value from AWS is escaped.
 */
import type { CostSoFar } from '../cost/hourly-cost.ts';
import { formatUsd } from '../cost/format-money.ts';
import type { Language } from '../i18n/languages.ts';
import { stateCounts, type BoxState, type MapModel } from './map-model.ts';

export type Labels = Record<string, string>;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? params[name]! : whole));

/** Each state's icon: a shape that reads without colour (and is hidden from screen readers, who get the words). */
export const stateIcons: Record<BoxState, string> = { healthy: '✓', exists: '●', missing: '✕', unchecked: '?' };

function stateBadge(state: BoxState, labels: Labels): string {
  return `<span class="wbm-state wbm-state-${state}"><span class="wbm-icon" aria-hidden="true">${stateIcons[state]}</span> ${escape(labels[`map.state.${state}`] ?? state)}</span>`;
}

/** `groupLevel`: the heading level of the groups, one below the map's own heading (no skipped level). */
export function renderMap(model: MapModel, labels: Labels, groupLevel: 2 | 3 = 3): string {
  const groupTitle = (id: string) => escape(id === 'region' ? fill(labels['map.group.region'] ?? '', { region: model.region || '…' }) : labels[`map.group.${id}`] ?? id);
  const boxes = model.groups
    .map((group) => {
      const items = group.boxes
        .map((box) => {
          const type = escape(labels[`resource.type.${box.type}`] ?? box.type);
          const instances = box.instances.length
            ? `<ul class="wbm-instances">${box.instances
                .map((instance) => {
                  const name = escape(instance.name);
                  const label = instance.consoleUrl
                    ? `<a href="${escape(instance.consoleUrl)}" target="_blank" rel="noopener noreferrer" aria-label="${escape(fill(labels['map.open-console'] ?? '{name}', { name: `${labels[`resource.type.${box.type}`] ?? box.type} ${instance.name}` }))}">${name}</a>`
                    : `<span>${name}</span>`;
                  return `<li class="wbm-instance wbm-instance-${instance.state}">${label}${instance.awsState ? ` <span class="wbm-aws-state">${escape(instance.awsState)}</span>` : ''}</li>`;
                })
                .join('')}</ul>`
            : box.expectedName
              ? `<p class="wbm-expected">${escape(box.expectedName)}</p>`
              : '';
          return `<li class="wbm-box wbm-${box.state}" data-type="${box.type}" data-state="${box.state}"><p class="wbm-type">${type}</p>${stateBadge(box.state, labels)}${instances}</li>`;
        })
        .join('');
      return `<section class="wbm-group wbm-group-${group.id}" aria-label="${groupTitle(group.id)}"><h${groupLevel} class="wbm-group-title">${groupTitle(group.id)}</h${groupLevel}><ul class="wbm-boxes" role="list">${items}</ul></section>`;
    })
    .join('');
  const counts = stateCounts(model);
  const summary = (['healthy', 'exists', 'missing', 'unchecked'] as const)
    .filter((state) => counts[state] > 0)
    .map((state) => `${escape(labels[`map.state.${state}`] ?? state)}: ${counts[state]}`)
    .join(', ');
  const legend = (['healthy', 'exists', 'missing', 'unchecked'] as const).map((state) => `<li>${stateBadge(state, labels)}</li>`).join('');
  return `<p class="wbm-summary" data-map-summary>${summary}</p><div class="wbm-canvas">${boxes}</div><details class="wbm-legend"><summary>${escape(labels['map.legend'] ?? '')}</summary><ul role="list">${legend}</ul></details>`;
}

/** The text alternative: the same boxes and states as a plain list. */
export function renderMapList(model: MapModel, labels: Labels): string {
  const rows = model.groups.flatMap((group) =>
    group.boxes.map((box) => {
      const names = box.instances.map((instance) => instance.name).join(', ') || box.expectedName || '';
      return `<li>${escape(labels[`resource.type.${box.type}`] ?? box.type)}${names ? ` (${escape(names)})` : ''}: ${escape(labels[`map.state.${box.state}`] ?? box.state)}</li>`;
    }),
  );
  return `<ul data-map-list>${rows.join('')}</ul>`;
}

export function renderCost(cost: CostSoFar, labels: Labels, lang: Language, asOf: string): string {
  if (cost.lines.length === 0) {
    // The cleanup lesson's goal, said plainly: the hourly total has reached zero.
    return `<p class="wbc-total" data-cost-total="0"><strong>${escape(fill(labels['cost.per-hour'] ?? '', { usd: formatUsd(0, lang) }))}</strong></p><p class="wbc-none">${escape(labels['cost.none'] ?? '')}</p><p class="wbc-note">${escape(fill(labels['cost.estimate'] ?? '', { date: asOf }))}</p>`;
  }
  const rows = cost.lines
    .map((line) => `<tr><th scope="row">${escape(labels[`resource.type.${line.type}`] ?? line.type)} <span class="wbc-name">${escape(line.name ?? line.id)}</span></th><td>${escape(line.basis)}</td><td>${line.priced ? escape(formatUsd(line.usdPerHour, lang)) : '–'}</td></tr>`)
    .join('');
  const since = cost.runningSince ? new Date(cost.runningSince).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' }) : '';
  return [
    `<p class="wbc-total" data-cost-total="${cost.usdPerHour}"><strong>${escape(fill(labels['cost.per-hour'] ?? '', { usd: formatUsd(cost.usdPerHour, lang) }))}</strong></p>`,
    since ? `<p class="wbc-so-far">${escape(fill(labels['cost.so-far'] ?? '', { since, usd: formatUsd(cost.usdSoFar, lang) }))}</p>` : '',
    `<table class="wbc-lines"><thead><tr><th scope="col">${escape(labels['cost.column.resource'] ?? '')}</th><th scope="col">${escape(labels['cost.column.basis'] ?? '')}</th><th scope="col">${escape(labels['cost.column.per-hour'] ?? '')}</th></tr></thead><tbody>${rows}</tbody></table>`,
    cost.unpricedRegions.length ? `<p class="wbc-note">${escape(fill(labels['cost.unpriced'] ?? '', { regions: cost.unpricedRegions.join(', ') }))}</p>` : '',
    `<p class="wbc-note">${escape(fill(labels['cost.estimate'] ?? '', { date: asOf }))}</p>`,
  ].join('');
}
