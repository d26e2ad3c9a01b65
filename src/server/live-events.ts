/**
 * Server-sent events for progress and settings changes, whoever made them: the server's own writes
 * announce themselves at once, and other processes' writes (the CLI writes to the same SQLite file)
 * are noticed by polling `PRAGMA data_version`, a cheap read that changes only when another
 * connection commits.
 *
 * A learner's stream carries only that learner's changes; an instructor's stream carries every
 * learner's, each frame naming its learner. One scan reads only the rows appended since the last
 * one and the current state of the learners they touch (`step_state`), so its cost does not grow
 * with the length of the history.
 */
import type { ServerResponse } from 'node:http';
import type { AttemptSummary, ProgressStore } from '../progress/progress-store.ts';
import { resourcesView } from './resources-view.ts';

export interface LiveEvents {
  /** Adds one of a learner's tabs: it hears that learner's progress and settings, nobody else's. */
  subscribeLearner(res: ServerResponse, learner: string): void;
  /** Adds an instructor's stream: every learner's progress, each frame with its `learner`. */
  subscribeAll(res: ServerResponse): void;
  /** Call after this process wrote to the store. */
  changed(): void;
  close(): void;
}

function open(res: ServerResponse, hello: unknown) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write(`retry: 2000\nevent: hello\ndata: ${JSON.stringify(hello)}\n\n`);
}

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export function createLiveEvents(store: ProgressStore, options: { pollMs?: number; onSettingsChanged?: (learner: string) => void } = {}): LiveEvents {
  const learners = new Map<string, { tabs: Set<ServerResponse>; settings: string }>();
  const everyone = new Set<ServerResponse>();
  let lastVersion = store.dataVersion();
  let lastAttempt = store.lastAttemptId();

  const settingsOf = (learner: string) => JSON.stringify(store.forLearner(learner).getSettings());

  const scan = () => {
    const fresh = store.attemptsAfter(lastAttempt);
    if (fresh.length > 0) lastAttempt = fresh.at(-1)!.id;
    const byLearner = new Map<string, AttemptSummary[]>();
    for (const row of fresh) byLearner.set(row.learner, [...(byLearner.get(row.learner) ?? []), row]);
    for (const [learner, rows] of byLearner) {
      const tabs = learners.get(learner)?.tabs;
      if (!tabs?.size && everyone.size === 0) continue;
      const view = store.forLearner(learner);
      // The resources ride with the progress they came from, once a Check has reported any: the
      // map and the cost panel relight at once, without asking.
      const found = view.resources();
      const data = {
        statuses: view.statuses(),
        attempts: rows.filter((row) => row.status !== 'reset').map(({ id, step, status, source, at }) => ({ id, step, status, source, at })),
        ...(found.updatedAt && { resources: resourcesView(found, new Date()) }),
      };
      const text = frame('progress', data);
      for (const res of tabs ?? []) res.write(text);
      if (everyone.size > 0) {
        const all = frame('progress', { learner, ...data });
        for (const res of everyone) res.write(all);
      }
    }
    // Settings are compared only for learners with a tab open: one small row each.
    for (const [learner, entry] of learners) {
      const settings = settingsOf(learner);
      if (settings === entry.settings) continue;
      entry.settings = settings;
      options.onSettingsChanged?.(learner);
      for (const res of entry.tabs) res.write(frame('settings', {}));
    }
  };

  let lastFailure = '';
  const timer = setInterval(() => {
    try {
      const version = store.dataVersion();
      if (version === lastVersion) return;
      lastVersion = version;
      scan();
      lastFailure = '';
    } catch (error) {
      // A store failure in the background must not stop the server; say it once, not every poll.
      const message = (error as Error).message;
      if (message !== lastFailure) console.error(message);
      lastFailure = message;
    }
  }, options.pollMs ?? 400);
  timer.unref();
  // Proxies and browsers drop a silent stream; a comment line every 25 s keeps it open.
  const keepAlive = setInterval(() => {
    for (const { tabs } of learners.values()) for (const res of tabs) res.write(': keep-alive\n\n');
    for (const res of everyone) res.write(': keep-alive\n\n');
  }, 25_000);
  keepAlive.unref();

  return {
    subscribeLearner(res, learner) {
      open(res, { statuses: store.forLearner(learner).statuses() });
      const entry = learners.get(learner) ?? { tabs: new Set<ServerResponse>(), settings: settingsOf(learner) };
      learners.set(learner, entry);
      entry.tabs.add(res);
      res.on('close', () => {
        entry.tabs.delete(res);
        if (entry.tabs.size === 0 && learners.get(learner) === entry) learners.delete(learner);
      });
    },
    subscribeAll(res) {
      open(res, {});
      everyone.add(res);
      res.on('close', () => everyone.delete(res));
    },
    changed: scan,
    close() {
      clearInterval(timer);
      clearInterval(keepAlive);
      for (const { tabs } of learners.values()) for (const res of tabs) res.end();
      for (const res of everyone) res.end();
      learners.clear();
      everyone.clear();
    },
  };
}
