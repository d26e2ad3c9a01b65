/**
 * The instructor's room on the server (a WorkbookFeature), plugged in through createWorkbook's
 * `features`:
 *
 *   GET  /api/instructor/room?lang=          learners × steps (status, since, Checks run), the class diagnosis
 *   GET  /api/instructor/learners/<id>?lang= one learner: latest result per step with items and hints, control state
 *   POST /api/instructor/control             {learner, action: "request" | "end"}  take control, or give it back
 *   GET  /api/instructor/events              server-sent events: `control` {learner, state} when a grant changes
 *
 *   GET  /api/control/events                 a learner's stream: `control` {state} (the prompt and the banner)
 *   POST /api/control                        {action: "accept" | "decline" | "end"}  the learner's answer
 *
 * The room's routes answer an instructor only: 403 to a learner and to a browser not signed in
 * (the workbook's edge refuses the whole /api/instructor/ prefix; each route checks again). The
 * room tools (src/server/room/room-feature.ts) share the prefix: paths not listed here are theirs.
 * Progress changes reach the room's page through the live events' `/api/events/all`; the page
 * then reads the room again.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { courseChecks } from '../../checks/index.ts';
import { course as defaultCourse } from '../../lessons/course.ts';
import type { CourseChecks } from '../checks/course-checks.ts';
import { renderResult } from '../checks/render-message.ts';
import { defaultLanguage, isLanguage, type Language } from '../i18n/languages.ts';
import type { Course } from '../lessons/course-manifest.ts';
import type { WorkbookFeature } from '../server/feature.ts';
import type { WorkbookParts } from '../server/workbook.ts';
import type { Principal } from '../shared/principal.ts';
import { diagnoseClass, isStuck, type LearnerStep } from './class-diagnosis.ts';
import type { ControlGrants, ControlState } from './control-grants.ts';
import { diagnosisSentence, renderCommonItem } from './diagnosis-sentence.ts';
import { openRoomReader, type RoomReader } from './room-reader.ts';
import { HttpError, readJsonObject, sendJson } from '../server/json-http.ts';

export interface InstructorRoomOptions {
  parts: Pick<WorkbookParts, 'store' | 'guard'>;
  grants: ControlGrants;
  /** A learner's display name (the workshop's directory); default the id. */
  learnerName?: (id: string) => string;
  /** Who is in the room (the workshop's directory); default everyone the progress file knows. */
  learners?: () => string[];
  /** Whether a learner's hand is raised (raised hands plug in here); default nobody's. */
  handRaised?: (id: string) => boolean;
  /** Failing for longer than this is "stuck"; default 10 minutes. */
  stuckAfterMinutes?: number;
  /** The room's read-only view of the progress, shared with the room tools; default one of its own. */
  reader?: RoomReader;
  checks?: CourseChecks;
  course?: Course;
  now?: () => Date;
}


/** The largest request body the room takes (its requests are a few short fields). */
const maxBody = 4096;

function openStream(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write('retry: 2000\n\n');
  // Proxies and browsers drop a silent stream; a comment line every 25 s keeps it open.
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
  keepAlive.unref();
  res.on('close', () => clearInterval(keepAlive));
}
const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

const lang = (url: URL): Language => {
  const value = url.searchParams.get('lang');
  return isLanguage(value) ? value : defaultLanguage;
};

export interface InstructorRoomFeature extends WorkbookFeature {
  /** The room as the API gives it (tests and the export read it too). */
  room(language: Language): Promise<unknown>;
}

export function createInstructorRoom(options: InstructorRoomOptions): InstructorRoomFeature {
  const { grants } = options;
  const checks = options.checks ?? courseChecks;
  const course = options.course ?? defaultCourse;
  const stuckAfterMinutes = options.stuckAfterMinutes ?? 10;
  const nameOf = options.learnerName ?? ((id: string) => id);
  const now = () => options.now?.() ?? new Date();
  const steps = course.lessons.flatMap((lesson) => lesson.steps.map((id) => ({ id, lesson: lesson.slug })));
  const reader = options.reader ?? openRoomReader(options.parts.store.file);
  const instructorStreams = new Set<ServerResponse>();
  const learnerStreams = new Map<string, Set<ServerResponse>>();

  const unsubscribe = grants.onChange((learner, state) => {
    for (const res of instructorStreams) res.write(frame('control', { learner, ...state }));
    for (const res of learnerStreams.get(learner) ?? []) res.write(frame('control', state));
  });

  const learnersInRoom = () => {
    const ids = options.learners?.() ?? reader.learnerIds();
    return [...new Set(ids)];
  };

  async function room(language: Language) {
    const dictionaries = await checks.dictionaries();
    const at = now();
    const learners = learnersInRoom();
    const cells = reader.cells();
    const diagnosis = diagnoseClass(cells, { steps: steps.map((step) => step.id), learners, now: at, stuckAfterMs: stuckAfterMinutes * 60_000 });
    const grid: Record<string, Record<string, { status: string; since?: string; attempts: number; at?: string; stuck: boolean }>> = {};
    for (const cell of cells) {
      (grid[cell.learner] ??= {})[cell.step] = { status: cell.status, ...(cell.since && { since: cell.since }), attempts: cell.attempts, ...(cell.at && { at: cell.at }), stuck: isStuck(cell, at, stuckAfterMinutes * 60_000) };
    }
    return {
      now: at.toISOString(),
      stuckAfterMinutes,
      steps,
      learners: learners.map((id) => ({ id, name: nameOf(id), hand: options.handRaised?.(id) ?? false, control: grants.stateOf(id).state })),
      cells: grid,
      diagnosis: diagnosis.map((step) => ({
        ...step,
        sentence: diagnosisSentence(step, language, dictionaries),
        topFailing: step.topFailing && renderCommonItem(step.topFailing, language, dictionaries),
        topCouldNotCheck: step.topCouldNotCheck && renderCommonItem(step.topCouldNotCheck, language, dictionaries),
      })),
    };
  }

  async function learnerView(id: string, language: Language) {
    if (!learnersInRoom().includes(id)) throw new HttpError(404, `No learner "${id}" in this workshop. Pick a learner from the room's grid.`);
    const dictionaries = await checks.dictionaries();
    const at = now();
    const byStep: Record<string, LearnerStep & { stuck: boolean }> = {};
    for (const cell of reader.cellsOf(id)) byStep[cell.step] = { ...cell, stuck: isStuck(cell, at, stuckAfterMinutes * 60_000) };
    return {
      id,
      name: nameOf(id),
      control: grants.stateOf(id),
      steps: steps.map((step) => {
        const cell = byStep[step.id];
        if (!cell) return { id: step.id, lesson: step.lesson, status: 'not-started', attempts: 0 };
        const { result, learner: _learner, step: _step, ...rest } = cell;
        return { id: step.id, lesson: step.lesson, ...rest, ...(result && { result: renderResult(result, language, dictionaries) }) };
      }),
    };
  }

  const instructorOnly = (principal: Principal | undefined) => {
    if (!principal) throw new HttpError(401, 'This browser is not signed in. Open the instructor link that the workshop server printed when it started.');
    if (principal.kind !== 'instructor') throw new HttpError(403, 'Only the workshop\'s instructor may use the instructor\'s room. Your own progress is on the lesson pages.');
    return principal;
  };
  const learnerOnly = (principal: Principal | undefined) => {
    if (!principal) throw new HttpError(401, 'This browser is not signed in to the workbook.');
    if (principal.kind !== 'learner') throw new HttpError(403, 'Only a learner answers a take-control request, in their own browser.');
    return principal;
  };

  async function answer(req: IncomingMessage, res: ServerResponse, url: URL, principal: Principal | undefined): Promise<boolean> {
    const path = url.pathname.replace(/\/$/, '');
    const isRoom = path.startsWith('/api/instructor/') || path === '/api/instructor';
    const isControl = path === '/api/control' || path === '/api/control/events';
    if (!isRoom && !isControl) return false;
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD' && !options.parts.guard.isAllowedOrigin(req)) {
      throw new HttpError(403, 'Requests that change state must come from the workbook\'s own pages.');
    }
    if (isRoom) {
      const instructor = instructorOnly(principal);
      if (method === 'GET' && path === '/api/instructor/room') return sendJson(res, 200, await room(lang(url))), true;
      const learner = /^\/api\/instructor\/learners\/([^/]+)$/.exec(path);
      if (method === 'GET' && learner) return sendJson(res, 200, await learnerView(decodeURIComponent(learner[1]!), lang(url))), true;
      if (method === 'GET' && path === '/api/instructor/events') {
        openStream(res);
        instructorStreams.add(res);
        res.on('close', () => instructorStreams.delete(res));
        return true;
      }
      if (method === 'POST' && path === '/api/instructor/control') {
        const body = await readJsonObject(req, maxBody);
        if (typeof body.learner !== 'string' || !learnersInRoom().includes(body.learner)) throw new HttpError(404, 'learner must be the id of a learner in this workshop.');
        if (body.action === 'request') {
          if ((learnerStreams.get(body.learner)?.size ?? 0) === 0) throw new HttpError(409, `${nameOf(body.learner)} has no workbook page open, so nobody could accept. Ask them to open a lesson, then try again.`);
          return sendJson(res, 200, grants.request(instructor.id, body.learner)), true;
        }
        if (body.action === 'end') {
          grants.end(body.learner, 'instructor');
          return sendJson(res, 200, grants.stateOf(body.learner)), true;
        }
        throw new HttpError(400, 'action must be "request" or "end".');
      }
      // The room tools (raised hands, broadcasts, time, export…) share this prefix; the workbook 404s the rest.
      return false;
    }
    const learner = learnerOnly(principal);
    if (method === 'GET' && path === '/api/control/events') {
      openStream(res);
      res.write(frame('control', grants.stateOf(learner.id)));
      const tabs = learnerStreams.get(learner.id) ?? new Set<ServerResponse>();
      learnerStreams.set(learner.id, tabs);
      tabs.add(res);
      const left = grants.learnerPageOpened(learner.id);
      res.on('close', () => {
        tabs.delete(res);
        left();
      });
      return true;
    }
    if (method === 'POST' && path === '/api/control') {
      const body = await readJsonObject(req, maxBody);
      if (body.action === 'accept' || body.action === 'decline') {
        if (!grants.answer(learner.id, body.action === 'accept')) throw new HttpError(409, 'Nothing to answer: the instructor\'s request was cancelled or has already been answered.');
      } else if (body.action === 'end') grants.end(learner.id, 'learner');
      else throw new HttpError(400, 'action must be "accept", "decline" or "end".');
      return sendJson(res, 200, grants.stateOf(learner.id)), true;
    }
    throw new HttpError(404, `No API at ${method} ${path}.`);
  }

  return {
    room,
    async handleRequest(req, res, url, principal) {
      try {
        return await answer(req, res, url, principal);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        sendJson(res, error.status, { error: error.message });
        return true;
      }
    },
    close() {
      unsubscribe();
      for (const res of instructorStreams) res.end();
      for (const tabs of learnerStreams.values()) for (const res of tabs) res.end();
      // A reader it was given is its owner's to close.
      if (!options.reader) reader.close();
    },
  };
}

export type { ControlState };
