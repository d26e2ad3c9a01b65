/**
 * <wb-class-cost-panel>: the class's cost per hour and so far, and the learners who still have
 * billable resources running, most expensive first (GET /api/instructor/cost, every 15 s).
 */
import { label, roomToolsRequest } from './room-tools-api.ts';

interface ClassCostView {
  usdPerHour: number;
  jpyPerHour: number;
  usdSoFar: number;
  jpySoFar: number;
  stillRunning: { learner: string; name: string; usdPerHour: number; usdSoFar: number; billable: number }[];
}

const usd = (value: number) => `US$${value < 0.01 && value > 0 ? value.toFixed(4) : value.toFixed(2)}`;
const jpy = (value: number) => `¥${Math.round(value).toLocaleString('ja-JP')}`;

class ClassCostPanel extends HTMLElement {
  #timer: ReturnType<typeof setInterval> | undefined;

  connectedCallback() {
    const total = this.querySelector<HTMLElement>('[data-cost-total]')!;
    const title = this.querySelector<HTMLElement>('[data-cost-running-title]')!;
    const list = this.querySelector<HTMLElement>('[data-cost-running]')!;
    const render = (view: ClassCostView) => {
      total.textContent = label(this, 'total', { perHour: usd(view.usdPerHour), perHourYen: jpy(view.jpyPerHour), soFar: usd(view.usdSoFar), soFarYen: jpy(view.jpySoFar) });
      title.hidden = view.stillRunning.length === 0;
      list.replaceChildren(
        ...(view.stillRunning.length === 0
          ? [Object.assign(document.createElement('li'), { textContent: label(this, 'nobody') })]
          : view.stillRunning.map((entry) => Object.assign(document.createElement('li'), { textContent: label(this, 'learner', { name: entry.name, perHour: usd(entry.usdPerHour), count: entry.billable }) }))),
      );
    };
    const refresh = () => void roomToolsRequest<ClassCostView>('/api/instructor/cost').then(render).catch((error: Error) => (total.textContent = error.message));
    refresh();
    this.#timer = setInterval(refresh, 15_000);
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
  }
}

customElements.define('wb-class-cost-panel', ClassCostPanel);
