/**
 * The Check under each step: runs the step's check through the API, shows the checklist (each item
 * with expected vs found, hint, a fix command with Copy and Run, details), re-checks a `pending`
 * result by itself with back-off and a visible countdown up to a limit, shows `error` apart from a
 * failure, and announces each result in an aria-live region. Results of CLI runs arrive live.
 * Every Check on the page shares one progress client: one GET of the stored results, one stream.
 */
import { installCommandActions } from './command-actions.ts';
import { connect, latestResults, onProgress, onResults, runCheck, type LatestResult, type RenderedResult } from './progress-client.ts';

type Texts = Record<string, string>;

/** Seconds between automatic re-checks of a pending result; the list's length is the limit. */
export const pendingDelays = [10, 15, 20, 30, 30, 30, 30, 30];

/**
 * The delays a Check uses: the defaults, unless the page names others (`data-pending-delays`, set
 * only from the server's ECS_WORKBOOK_TEST_PENDING_DELAYS, which exists for tests).
 */
export function delaysFor(root: HTMLElement): number[] {
  const given = (root.dataset.pendingDelays ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 1);
  return given.length > 0 ? given : pendingDelays;
}

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Text with `backticked` parts shown as code, as the message texts write commands. */
function richText(tag: 'p' | 'span', className: string, text: string): HTMLElement {
  const node = element(tag, className);
  text.split(/(`[^`]+`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 2) node.append(element('code', undefined, part.slice(1, -1)));
    else if (part) node.append(document.createTextNode(part));
  });
  return node;
}

function commandBlock(command: string, t: Texts): HTMLElement {
  const figure = element('figure', 'command check-fix');
  figure.dataset.command = '';
  const pre = element('pre');
  // One .line per line, as the lesson's own command blocks have: long ones wrap under a continuation mark.
  const code = element('code');
  command.split('\n').forEach((text, index) => {
    if (index > 0) code.append('\n');
    code.append(element('span', 'line', text));
  });
  pre.append(code);
  const actions = element('div', 'actions');
  const copy = element('button', 'copy', t.copy);
  copy.type = 'button';
  copy.dataset.copy = '';
  copy.dataset.copiedLabel = t.copied;
  copy.dataset.failedLabel = t.copyFailed;
  const run = element('button', 'run', t.run);
  run.type = 'button';
  run.dataset.run = '';
  run.title = t.runTitle!;
  actions.append(copy, run);
  figure.append(pre, actions);
  return figure;
}

function renderResult(root: HTMLElement, result: RenderedResult, t: Texts, note?: string) {
  const container = root.querySelector<HTMLElement>('[data-check-result]')!;
  container.replaceChildren();
  container.hidden = false;
  container.className = `check-result check-${result.status}`;
  container.dataset.status = result.status;
  const heading = element('p', 'check-heading');
  heading.append(element('strong', undefined, t[`heading.${result.status}`] ?? result.status), document.createTextNode(' '), richText('span', 'check-summary', result.summary));
  container.append(heading);
  if (note) container.append(element('p', 'check-note', note));
  const list = element('ul', 'check-items');
  for (const item of result.items) {
    const li = element('li', `check-item item-${item.status}`);
    li.dataset.item = item.id;
    li.dataset.status = item.status;
    const line = element('p', 'item-line');
    line.append(element('span', `item-badge status status-${item.status === 'warn' ? 'pending' : item.status}`, t[`item.${item.status}`] ?? item.status), document.createTextNode(' '), richText('span', 'item-label', item.label));
    li.append(line);
    if (item.status === 'pass') {
      if (item.actual) li.append(element('p', 'item-actual', item.actual));
    } else {
      if (item.expected !== undefined || item.actual !== undefined) {
        const dl = element('dl', 'item-compare');
        if (item.expected !== undefined) dl.append(element('dt', undefined, t.expected), element('dd', undefined, item.expected));
        if (item.actual !== undefined) dl.append(element('dt', undefined, t.actual), element('dd', undefined, item.actual));
        li.append(dl);
      }
      if (item.hint) li.append(richText('p', 'item-hint', item.hint));
      if (item.fix) li.append(commandBlock(item.fix, t));
      if (item.details) {
        const details = element('details', 'item-details');
        details.append(element('summary', undefined, t.details), element('pre', undefined, item.details));
        li.append(details);
      }
    }
    list.append(li);
  }
  container.append(list);
}

function setupCheck(root: HTMLElement) {
  const t = JSON.parse(root.dataset.i18n ?? '{}') as Texts;
  const step = root.dataset.check!;
  const button = root.querySelector<HTMLButtonElement>('[data-check-run]')!;
  const live = root.querySelector<HTMLElement>('[data-check-live]')!;
  const countdown = root.querySelector<HTMLElement>('[data-check-countdown]')!;
  const delays = delaysFor(root);
  let timer: ReturnType<typeof setInterval> | undefined;
  let pendingRound = 0;
  let running = false;
  let lastShownId = 0;

  const stopCountdown = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    countdown.textContent = '';
  };

  const announce = (result: RenderedResult) => {
    live.textContent = fill(t.announce!, { step: root.dataset.title ?? step, status: t[`heading.${result.status}`] ?? result.status, summary: result.summary });
  };

  const schedule = () => {
    if (pendingRound >= delays.length) {
      countdown.textContent = fill(t.gaveUp!, { limit: delays.length });
      return;
    }
    let seconds = delays[pendingRound]!;
    pendingRound++;
    const show = () => (countdown.textContent = fill(t.countdown!, { seconds, attempt: pendingRound, limit: delays.length }));
    show();
    timer = setInterval(() => {
      seconds--;
      if (seconds > 0) return show();
      stopCountdown();
      void run('auto');
    }, 1000);
  };

  const run = async (source: 'browser' | 'auto') => {
    if (running) return;
    running = true;
    stopCountdown();
    if (source === 'browser') pendingRound = 0;
    root.setAttribute('aria-busy', 'true');
    button.disabled = true;
    button.textContent = t.running!;
    try {
      const { ok, status, body } = await runCheck(step, source);
      // The server answered, but not to this tab's cookie: it was restarted since the tab signed in.
      if (status === 401) {
        live.textContent = t.restarted!;
        countdown.textContent = live.textContent;
        return;
      }
      if (!ok || !body.result) throw new Error(body.error ?? `HTTP ${status}`);
      lastShownId = body.attempt?.id ?? lastShownId;
      renderResult(root, body.result, t);
      announce(body.result);
      if (body.result.status === 'pending') schedule();
      else pendingRound = 0;
    } catch (error) {
      live.textContent = fill(t.failedRequest!, { message: (error as Error).message });
      countdown.textContent = live.textContent;
    } finally {
      running = false;
      root.removeAttribute('aria-busy');
      button.disabled = false;
      button.textContent = t.button!;
    }
  };

  button.addEventListener('click', () => void run('browser'));

  /** Shows the latest stored result (on load, and when a run elsewhere, e.g. the CLI, lands). */
  const showLatest = (latest: LatestResult | undefined, isNews: boolean) => {
    if (!latest || latest.id <= lastShownId || running) return;
    lastShownId = latest.id;
    const fromTerminal = latest.source === 'cli' || latest.source === 'watch';
    renderResult(root, latest.result, t, fromTerminal ? t.fromTerminal : undefined);
    if (isNews) announce(latest.result);
  };
  void latestResults().then((latest) => showLatest(latest[step], false));
  onResults((latest) => showLatest(latest[step], true));
  onProgress((detail) => {
    if (!(step in detail.statuses) && !running) {
      // The step was reset: forget the shown result.
      root.querySelector<HTMLElement>('[data-check-result]')!.hidden = true;
      lastShownId = 0;
    }
  });
}

export function setupChecks() {
  installCommandActions();
  connect();
  const roots = [...document.querySelectorAll<HTMLElement>('[data-check]:not([data-check-ready])')];
  const lessons = new Set<string>();
  for (const root of roots) {
    root.dataset.checkReady = '';
    // Not signed in: the API would answer 401; the Check says how to sign in instead.
    if (root.dataset.signedOut !== undefined) continue;
    setupCheck(root);
    lessons.add(root.dataset.check!.split('/')[0]!);
  }
  // "Pushed after the lesson started" needs to know when the learner opened the lesson.
  for (const lesson of lessons) {
    void fetch('/api/lessons/start', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lesson }) }).catch(() => undefined);
  }
}
