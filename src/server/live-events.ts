/**
 * Server-sent events for every progress or settings change, whoever made it: the server's own
 * writes announce themselves at once, and other processes' writes (the CLI writes to the same
 * SQLite file) are noticed by polling `PRAGMA data_version`, a cheap read that changes only when
 * another connection commits.
 */
import type { ServerResponse } from 'node:http';
import type { ProgressStore } from '../progress/progress-store.ts';

export interface LiveEvents {
  /** Adds a client; the stream stays open until it leaves. */
  subscribe(res: ServerResponse): void;
  /** Call after this process wrote to the store. */
  changed(): void;
  close(): void;
}

export function createLiveEvents(store: ProgressStore, options: { pollMs?: number; onSettingsChanged?: () => void } = {}): LiveEvents {
  const clients = new Set<ServerResponse>();
  let lastVersion = store.dataVersion();
  let lastAttempt = store.lastAttemptId();
  let lastSettings = JSON.stringify(store.getSettings());
  let lastStatuses = JSON.stringify(store.statuses());

  const send = (event: string, data: unknown) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of clients) res.write(frame);
  };

  const scan = () => {
    const attemptId = store.lastAttemptId();
    const statuses = store.statuses();
    const statusesJson = JSON.stringify(statuses);
    if (attemptId !== lastAttempt || statusesJson !== lastStatuses) {
      const fresh = store.attempts().filter((a) => a.id > lastAttempt && a.status !== ('reset' as string));
      lastAttempt = attemptId;
      lastStatuses = statusesJson;
      send('progress', { statuses, attempts: fresh.map((a) => ({ id: a.id, step: a.step, status: a.status, source: a.source, at: a.at })) });
    }
    const settings = JSON.stringify(store.getSettings());
    if (settings !== lastSettings) {
      lastSettings = settings;
      options.onSettingsChanged?.();
      send('settings', {});
    }
  };

  const timer = setInterval(() => {
    const version = store.dataVersion();
    if (version === lastVersion) return;
    lastVersion = version;
    scan();
  }, options.pollMs ?? 400);
  timer.unref();
  // Proxies and browsers drop a silent stream; a comment line every 25 s keeps it open.
  const keepAlive = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, 25_000);
  keepAlive.unref();

  return {
    subscribe(res) {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ statuses: store.statuses() })}\n\n`);
      clients.add(res);
      res.on('close', () => clients.delete(res));
    },
    changed: scan,
    close() {
      clearInterval(timer);
      clearInterval(keepAlive);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
