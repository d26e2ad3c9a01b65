/**
 * The room tools (a WorkbookFeature): raised hands, broadcasts, sandbox reset, time, export and
 * pre-flight.
 *
 * A learner's routes (under /api/, signed-in learners only; each acts on that learner's rows):
 *   GET  /api/room                        my hand (status, place in the queue), broadcasts, deadline
 *   GET  /api/room/events                 the same, live (server-sent events `room`)
 *   POST /api/room/hand                   raise my hand (the page's button)
 *   POST /api/room/hand/lower             lower it
 *   POST /api/room/broadcasts/dismiss     {id}  hide a broadcast for me
 *
 * The instructor's routes (under /api/instructor/, beside the room's grid; the workbook's edge
 * answers 403 there to anyone but the instructor, and each route checks again):
 *   GET  /api/instructor/hands?lang=      the queue, each hand with its failing Check and screen
 *   GET  /api/instructor/room-events?lang= the queue, live (`hands`)
 *   POST /api/instructor/hands/status     {id, status: on-the-way|resolved}
 *   GET  /api/instructor/broadcasts       POST {text}  ·  POST /api/instructor/broadcasts/withdraw {id}
 *   POST /api/instructor/reset            {learner, confirm}: confirm must repeat the learner id
 *   GET  /api/instructor/time             the learners (id, name) and deadlines; POST {minutes, learner?}: extend one's or the workshop's
 *   GET  /api/instructor/export?format=csv|json
 *   GET  /api/instructor/preflight?learners=N&lang=&aws=1
 *   GET  /api/instructor/cost             the class's billable resources: total per hour and so far, who still runs some
 *
 * State-changing requests need an allowed Origin and a JSON body, as the rest of the API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CourseChecks } from '../../checks/course-checks.ts';
import { renderResult } from '../../checks/render-message.ts';
import { isLanguage, type Language } from '../../i18n/languages.ts';
import type { Principal } from '../../shared/principal.ts';
import type { WorkbookFeature } from '../feature.ts';
import type { WorkbookParts } from '../workbook.ts';
import { buildExport, exportFormats, formatExport, type ExportFormat } from './progress-export.ts';
import { openRoomReader, type RoomReader } from '../../instructor/room-reader.ts';
import { createRoomEvents } from './room-events.ts';
import { createAwsClients } from '../../checks/aws-clients.ts';
import { resolveRegion } from '../../checks/aws-region.ts';
import { createLazyDocker } from '../../checks/docker-client.ts';
import { renderPreflight, runPreflight, type PreflightReport } from '../../workshop/preflight/run-preflight.ts';
import { learnerScope, openRoomStore, workshopScope, type Hand, type RoomStore } from './room-store.ts';
import { HttpError, readJsonObject, sendJson } from '../json-http.ts';
import { classCost } from '../../cost/class-cost.ts';

export interface RoomToolsOptions {
  /** The course's checks (step order, texts for the attached failing Check). */
  checks: CourseChecks;
  /** The learners' display names, from the workshop's learner directory. */
  nameOf?: (learner: string) => string | undefined;
  /** Every learner who joined (the export lists them even before their first Check). */
  learners?: () => string[];
  /** The sandbox provider's reset; absent in solo mode (nothing to reset). */
  resetSandbox?: (learner: string) => Promise<void>;
  /**
   * Runs the pre-flight for the room's panel; default: this machine's engine, image and capacity,
   * and with `aws` the shared account's quotas through this server's own AWS credentials.
   */
  preflight?: (request: { learners: number; lang: Language; aws: boolean }) => Promise<PreflightReport>;
  /** Told when the instructor moved a deadline (the workshop's lifecycle re-arms the workshop's or that learner's end). */
  onDeadlineChanged?: (scope: string, endsAt: string) => void;
}

async function defaultPreflight(request: { learners: number; lang: Language; aws: boolean }): Promise<PreflightReport> {
  const region = request.aws ? (await resolveRegion(undefined)).region : undefined;
  const findings = await runPreflight({ learners: request.learners, docker: createLazyDocker(30_000), ...(region && { aws: createAwsClients({ region, requestTimeoutMs: 10_000 }) }) });
  return renderPreflight(findings, request.learners, request.lang);
}

export interface RoomTools extends WorkbookFeature {
  store: RoomStore;
  /** The room's one read-only view of the progress (the export here; the grid takes it too). */
  reader: RoomReader;
  /** Raises a learner's hand (what the button and the terminal's signal do); resolves to the hand. */
  raiseHand(learner: string, source: Hand['source']): Promise<Hand>;
  /** When this learner's time ends (their own deadline, else the workshop's), if there is one. */
  deadlineOf(learner: string): string | undefined;
}

const maxBody = 16 * 1024;
const maxBroadcast = 500;
const maxExtensionMinutes = 24 * 60;


const idOf = (value: unknown, what: string) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new HttpError(400, `id must be the ${what}'s number, as the list gave it.`);
  return value;
};

type LearnerRoute = (req: IncomingMessage, res: ServerResponse, learner: string) => Promise<void>;
type InstructorRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export function createRoomTools(parts: WorkbookParts, options: RoomToolsOptions): RoomTools {
  const store = openRoomStore(parts.store.file);
  const reader = openRoomReader(parts.store.file);
  const { guard } = parts;

  // A learner's time ends with the workshop's, or at their own end when the instructor gave them more.
  const deadlineOf = (learner: string) => {
    const ends = [store.deadline(workshopScope), store.deadline(learnerScope(learner))].filter((end): end is string => !!end);
    return ends.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  };
  const learnerView = (learner: string) => {
    const hand = store.latestHandOf(learner);
    const queue = store.queue();
    const place = hand ? queue.findIndex((open) => open.id === hand.id) + 1 : 0;
    const dismissed = store.dismissedBy(learner);
    return {
      hand: hand && hand.status !== 'lowered' ? { id: hand.id, status: hand.status, place: place || undefined, ahead: place > 0 ? place - 1 : undefined } : null,
      broadcasts: store.broadcasts().filter((message) => !dismissed.has(message.id)),
      deadline: deadlineOf(learner) ?? null,
    };
  };

  /** A hand as the instructor sees it: who, where they are stuck (the Check, rendered), their screen. */
  const handView = async (hand: Hand, lang: Language) => {
    const attempt = hand.attempt === undefined ? undefined : parts.store.forLearner(hand.learner).attempts().find((row) => row.id === hand.attempt);
    const check = attempt && { step: attempt.step, at: attempt.at, result: renderResult(attempt.result, lang, await options.checks.dictionaries()) };
    return { ...hand, name: options.nameOf?.(hand.learner) ?? hand.learner, check: check ?? null };
  };
  const queueView = async (lang: Language = 'en') => ({ hands: await Promise.all(store.queue().map((hand) => handView(hand, lang))) });

  const events = createRoomEvents({ learner: learnerView, instructor: (lang) => queueView(lang) });

  const raiseHand = async (learner: string, source: Hand['source']) => {
    // The latest failing Check: what the learner is most likely stuck on.
    const failing = Object.values(parts.store.forLearner(learner).latest())
      .filter((attempt) => attempt.status === 'fail' || attempt.status === 'error')
      .sort((a, b) => b.id - a.id)[0];
    const screen = (await parts.screenText(learner).catch(() => undefined)) ?? '';
    const { hand, raised } = store.raiseHand({ learner, source, ...(failing && { step: failing.step, attempt: failing.id }), screen });
    if (raised) events.changed();
    return hand;
  };
  parts.onHandSignal((learner) => {
    void raiseHand(learner, 'terminal').catch((error: Error) => console.error(`A raised hand from the terminal could not be recorded: ${error.message}`));
  });

  const learnerRoutes: Record<string, LearnerRoute> = {
    'GET /api/room': async (_req, res, learner) => sendJson(res, 200, learnerView(learner)),
    'GET /api/room/events': async (_req, res, learner) => events.subscribeLearner(res, learner),
    'POST /api/room/hand': async (req, res, learner) => {
      await readJsonObject(req, maxBody);
      await raiseHand(learner, 'button');
      sendJson(res, 200, learnerView(learner));
    },
    'POST /api/room/hand/lower': async (req, res, learner) => {
      await readJsonObject(req, maxBody);
      const hand = store.latestHandOf(learner);
      if (hand && (hand.status === 'waiting' || hand.status === 'on-the-way')) {
        store.setHandStatus(hand.id, 'lowered');
        events.changed();
      }
      sendJson(res, 200, learnerView(learner));
    },
    'POST /api/room/broadcasts/dismiss': async (req, res, learner) => {
      const id = idOf((await readJsonObject(req, maxBody)).id, 'message');
      store.dismiss(learner, id);
      events.changed();
      sendJson(res, 200, learnerView(learner));
    },
  };

  const stepIds = () => options.checks.registry.stepIds();
  // A mistyped id must not reset nobody's sandbox or store a deadline for nobody, and say nothing.
  const mustBeInWorkshop = (learner: string) => {
    const learners = options.learners?.() ?? reader.learnerIds();
    if (!learners.includes(learner)) throw new HttpError(404, `No learner "${learner}" in this workshop. Pick a learner from the room's list (GET /api/instructor/time lists them).`);
  };
  const instructorRoutes: Record<string, InstructorRoute> = {
    'GET /api/instructor/hands': async (_req, res, url) => sendJson(res, 200, await queueView(language(url))),
    'GET /api/instructor/room-events': async (_req, res, url) => events.subscribeInstructor(res, language(url)),
    'POST /api/instructor/hands/status': async (req, res, url) => {
      const body = await readJsonObject(req, maxBody);
      const id = idOf(body.id, 'hand');
      if (body.status !== 'on-the-way' && body.status !== 'resolved') throw new HttpError(400, 'status must be "on-the-way" or "resolved".');
      const hand = store.hand(id);
      if (!hand) throw new HttpError(404, `No raised hand has the number ${id}. Reload the queue.`);
      if (hand.status === 'resolved' || hand.status === 'lowered') throw new HttpError(409, `That hand is already ${hand.status === 'resolved' ? 'resolved' : 'lowered by the learner'}.`);
      store.setHandStatus(id, body.status);
      events.changed();
      sendJson(res, 200, await queueView(language(url)));
    },
    'GET /api/instructor/broadcasts': async (_req, res) => sendJson(res, 200, { broadcasts: store.broadcasts() }),
    'POST /api/instructor/broadcasts': async (req, res) => {
      const text = (await readJsonObject(req, maxBody)).text;
      if (typeof text !== 'string' || text.trim() === '') throw new HttpError(400, 'Write the message to send (text).');
      if (text.length > maxBroadcast) throw new HttpError(400, `A broadcast has at most ${maxBroadcast} characters; this one has ${text.length}. Shorten it.`);
      const message = store.broadcast(text.trim());
      events.changed();
      sendJson(res, 200, { broadcast: message, broadcasts: store.broadcasts() });
    },
    'POST /api/instructor/broadcasts/withdraw': async (req, res) => {
      const id = idOf((await readJsonObject(req, maxBody)).id, 'message');
      if (!store.withdraw(id)) throw new HttpError(404, `No message on show has the number ${id}. Reload the list.`);
      events.changed();
      sendJson(res, 200, { broadcasts: store.broadcasts() });
    },
    'POST /api/instructor/reset': async (req, res) => {
      const body = await readJsonObject(req, maxBody);
      if (typeof body.learner !== 'string' || body.learner === '') throw new HttpError(400, 'learner must be the id of the learner whose sandbox to reset.');
      mustBeInWorkshop(body.learner);
      // The confirmation: the page asks "reset <name>'s sandbox?" and sends the id again only on yes.
      if (body.confirm !== body.learner) throw new HttpError(428, 'Resetting a sandbox deletes the learner\'s files and containers in it. Confirm it: send confirm with the same learner id.');
      if (!options.resetSandbox) throw new HttpError(409, 'This workbook runs no sandboxes (solo mode): there is nothing to reset. Start a workshop (ecs-workbook workshop) for sandboxes.');
      await options.resetSandbox(body.learner);
      sendJson(res, 200, { reset: body.learner });
    },
    'GET /api/instructor/time': async (_req, res) => sendJson(res, 200, timeView()),
    'GET /api/instructor/cost': async (_req, res) => {
      // What the class's Checks last found running, priced: at the end, who must still clean up.
      const cost = classCost(parts.store.allResources(), new Date());
      sendJson(res, 200, { ...cost, stillRunning: cost.stillRunning.map((entry) => ({ ...entry, name: options.nameOf?.(entry.learner) ?? entry.learner })) });
    },
    'POST /api/instructor/time': async (req, res) => {
      const body = await readJsonObject(req, maxBody);
      const minutes = body.minutes;
      if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > maxExtensionMinutes) throw new HttpError(400, `minutes must be a whole number from 1 to ${maxExtensionMinutes}.`);
      if (body.learner !== undefined && (typeof body.learner !== 'string' || body.learner === '')) throw new HttpError(400, 'learner must be a learner id, or left out to extend the whole workshop.');
      if (typeof body.learner === 'string') mustBeInWorkshop(body.learner);
      const workshopEnds = store.deadline(workshopScope);
      if (!workshopEnds) throw new HttpError(409, 'This workshop has no time limit, so there is nothing to extend. Start it with --time-limit (e.g. --time-limit 4h) to set one.');
      const scope = typeof body.learner === 'string' ? learnerScope(body.learner) : workshopScope;
      const current = store.deadline(scope) ?? workshopEnds;
      // Extending a time that already ran out counts from now, not from the past.
      const from = Math.max(Date.parse(current), Date.now());
      const endsAt = new Date(from + minutes * 60_000).toISOString();
      store.setDeadline(scope, endsAt);
      options.onDeadlineChanged?.(scope, endsAt);
      events.changed();
      sendJson(res, 200, timeView());
    },
    'GET /api/instructor/export': async (_req, res, url) => {
      const format = (url.searchParams.get('format') ?? 'csv') as ExportFormat;
      if (!exportFormats.includes(format)) throw new HttpError(400, `format must be ${exportFormats.join(' or ')}.`);
      const table = buildExport(reader.attemptRows(), { steps: stepIds(), ...(options.learners && { learners: options.learners() }), ...(options.nameOf && { nameOf: options.nameOf }) });
      res.writeHead(200, {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="workshop-progress.${format}"`,
        'cache-control': 'no-store',
      });
      res.end(formatExport(table, format));
    },
    'GET /api/instructor/preflight': async (_req, res, url) => {
      const learners = Number(url.searchParams.get('learners') ?? '30');
      if (!Number.isInteger(learners) || learners < 1 || learners > 500) throw new HttpError(400, 'learners must be a whole number from 1 to 500.');
      sendJson(res, 200, await (options.preflight ?? defaultPreflight)({ learners, lang: language(url), aws: url.searchParams.get('aws') === '1' }));
    },
  };

  function timeView() {
    const learnerIds = options.learners?.() ?? [];
    return {
      roster: learnerIds.map((id) => ({ id, name: options.nameOf?.(id) ?? id })),
      workshop: store.deadline(workshopScope) ?? null,
      learners: Object.fromEntries(learnerIds.flatMap((id) => {
        const own = store.deadline(learnerScope(id));
        return own ? [[id, own]] : [];
      })),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, principal: Principal | undefined): Promise<boolean> {
    const path = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
    const learnerRoute = learnerRoutes[path];
    const instructorRoute = instructorRoutes[path];
    // Other /api/instructor/ paths are the room grid's (instructor-feature.ts), or the workbook's 404.
    if (!learnerRoute && !instructorRoute) return false;
    if (instructorRoute) {
      if (principal?.kind !== 'instructor') throw new HttpError(403, 'Only the workshop\'s instructor may use the room. Open the instructor link that `ecs-workbook workshop` printed.');
    } else if (principal?.kind !== 'learner') {
      throw new HttpError(principal ? 403 : 401, principal ? 'An instructor has no hand to raise; the queue is at /api/instructor/hands.' : 'This request is not signed in to the workbook.');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD' && !guard.isAllowedOrigin(req)) {
      throw new HttpError(403, `Requests that change state must come from the workbook's own pages (Origin ${[...guard.allowedOrigins].join(' or ')}).`);
    }
    if (instructorRoute) await instructorRoute(req, res, url);
    else await learnerRoute!(req, res, principal!.id);
    return true;
  }

  return {
    store,
    reader,
    raiseHand,
    deadlineOf,
    async handleRequest(req, res, url, principal) {
      try {
        return await handle(req, res, url, principal);
      } catch (error) {
        if (error instanceof HttpError) sendJson(res, error.status, { error: error.message });
        else {
          console.error(error);
          sendJson(res, 500, { error: `The room failed: ${(error as Error).message}` });
        }
        return true;
      }
    },
    close() {
      events.close();
      store.close();
      reader.close();
    },
  };
}

function language(url: URL): Language {
  const lang = url.searchParams.get('lang');
  return isLanguage(lang) ? lang : 'en';
}
