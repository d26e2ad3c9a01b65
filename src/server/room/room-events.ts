/**
 * Server-sent events for the room tools: each learner's tab hears their own hand (status and place
 * in the queue), the broadcasts they have not dismissed and their deadline; an instructor's stream
 * hears the queue of hands. Every change in the room is made by this server, so it announces
 * itself (`changed()`); nothing needs polling.
 */
import type { ServerResponse } from 'node:http';
import type { Language } from '../../i18n/languages.ts';

export interface RoomEvents {
  subscribeLearner(res: ServerResponse, learner: string): void;
  /** An instructor's stream, with the attached Checks in their language. */
  subscribeInstructor(res: ServerResponse, lang: Language): void;
  /** Call after the room changed: every stream gets its view again. */
  changed(): void;
  close(): void;
}

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

function open(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write('retry: 2000\n\n');
}

export function createRoomEvents(views: { learner(learner: string): unknown; instructor(lang: Language): Promise<unknown> }): RoomEvents {
  const learners = new Map<ServerResponse, string>();
  const instructors = new Map<ServerResponse, Language>();
  const send = (res: ServerResponse, event: string, data: unknown) => {
    if (!res.writableEnded && !res.destroyed) res.write(frame(event, data));
  };
  const keepAlive = setInterval(() => {
    for (const res of [...learners.keys(), ...instructors.keys()]) if (!res.writableEnded) res.write(': keep-alive\n\n');
  }, 25_000);
  keepAlive.unref();
  const toInstructors = async () => {
    const byLanguage = new Map<Language, Promise<unknown>>();
    for (const [res, lang] of instructors) {
      if (!byLanguage.has(lang)) byLanguage.set(lang, views.instructor(lang));
      send(res, 'hands', await byLanguage.get(lang));
    }
  };

  return {
    subscribeLearner(res, learner) {
      open(res);
      learners.set(res, learner);
      res.on('close', () => learners.delete(res));
      send(res, 'room', views.learner(learner));
    },
    subscribeInstructor(res, lang) {
      open(res);
      instructors.set(res, lang);
      res.on('close', () => instructors.delete(res));
      void views.instructor(lang).then((view) => send(res, 'hands', view)).catch((error: Error) => console.error(error.message));
    },
    changed() {
      // A place in the queue moves for everyone when one hand goes down: every tab gets its view.
      for (const [res, learner] of learners) send(res, 'room', views.learner(learner));
      void toInstructors().catch((error: Error) => console.error(error.message));
    },
    close() {
      clearInterval(keepAlive);
      for (const res of [...learners.keys(), ...instructors.keys()]) res.end();
      learners.clear();
      instructors.clear();
    },
  };
}
