/**
 * The page's one link to the learner's progress: one event stream, one `GET /api/progress` shared
 * by every Check on the page, and the Check runs. Because the runs go through here too, a progress
 * event announcing a run this page is still waiting for costs nothing (the POST answer carries the
 * result); only news from elsewhere (another tab, the CLI) fetches the results again, once for all
 * Checks that it concerns.
 */

export interface RenderedItem { id: string; status: string; label: string; expected?: string; actual?: string; hint?: string; fix?: string; details?: string }
export interface RenderedResult { status: string; summary: string; items: RenderedItem[] }
export interface LatestResult { id: number; source: string; result: RenderedResult }
export type Statuses = Record<string, string>;
export interface ProgressNews { statuses: Statuses; attempts?: { id: number; step: string; status: string; source: string }[] }
export interface RunAnswer { attempt?: { id: number }; result?: RenderedResult; error?: string }

type Results = Record<string, LatestResult>;

const liveFlag = '__workbookLive';
const progressListeners = new Set<(news: ProgressNews) => void>();
const resultListeners = new Set<(latest: Results) => void>();
const settingsListeners = new Set<() => void>();

let events: EventSource | undefined;
let results: Promise<Results> | undefined;
/** The newest attempt whose result this page already has (from the GET or a run's answer). */
let newestKnown = 0;
/** Steps whose run this page is waiting for, and the newest attempt news named while it waited. */
const running = new Set<string>();
let newestWhileRunning = 0;

const language = () => document.documentElement.lang || 'en';

async function fetchResults(): Promise<Results> {
  const response = await fetch(`/api/progress?lang=${encodeURIComponent(language())}`);
  if (!response.ok) return {};
  const body = (await response.json()) as { latest: Results };
  for (const entry of Object.values(body.latest)) newestKnown = Math.max(newestKnown, entry.id);
  return body.latest;
}

function refresh() {
  const fresh = fetchResults();
  results = fresh;
  void fresh.then((latest) => {
    for (const listener of resultListeners) listener(latest);
  });
}

function notice(news: ProgressNews) {
  let stale = false;
  for (const attempt of news.attempts ?? []) {
    if (attempt.id <= newestKnown) continue;
    // This page's own run: its answer is on the way and carries the result.
    if (running.has(attempt.step)) newestWhileRunning = Math.max(newestWhileRunning, attempt.id);
    else stale = true;
  }
  if (stale) refresh();
}

/** Opens the page's event stream (once). */
export function connect() {
  if (events || typeof EventSource === 'undefined') return;
  events = new EventSource('/api/events');
  const onProgress = (event: MessageEvent) => {
    const news = JSON.parse(event.data as string) as ProgressNews;
    notice(news);
    for (const listener of progressListeners) listener(news);
  };
  events.addEventListener('hello', onProgress);
  events.addEventListener('progress', onProgress);
  events.addEventListener('settings', () => {
    for (const listener of settingsListeners) listener();
  });
  (window as unknown as Record<string, boolean>)[liveFlag] = true;
}

/** Every step's latest result; the first caller on the page fetches, the others share it. */
export function latestResults(): Promise<Results> {
  return (results ??= fetchResults());
}

/** Statuses as they change (the `hello` on connecting, then every change). */
export function onProgress(listener: (news: ProgressNews) => void) {
  progressListeners.add(listener);
}

/** Results fetched again because a run elsewhere landed. */
export function onResults(listener: (latest: Results) => void) {
  resultListeners.add(listener);
}

export function onSettings(listener: () => void) {
  settingsListeners.add(listener);
}

/** Runs a step's check: `POST /api/checks/run`, with no second request for the same news. */
export async function runCheck(step: string, source: 'browser' | 'auto'): Promise<{ ok: boolean; status: number; body: RunAnswer }> {
  running.add(step);
  try {
    const response = await fetch('/api/checks/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ step, lang: language(), source }) });
    // A plain-text answer (the server's request timeout, a proxy's error page) is shown as its text.
    const text = await response.text();
    let body: RunAnswer;
    try {
      body = JSON.parse(text) as RunAnswer;
    } catch {
      body = { error: text.trim() || `HTTP ${response.status}` };
    }
    if (body.attempt) newestKnown = Math.max(newestKnown, body.attempt.id);
    return { ok: response.ok, status: response.status, body };
  } finally {
    running.delete(step);
    // News that arrived during the run and was newer than its answer (a CLI run meanwhile).
    if (newestWhileRunning > newestKnown) refresh();
    if (running.size === 0) newestWhileRunning = 0;
  }
}
