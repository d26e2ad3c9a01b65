/**
 * The workbook's JSON API under /api/ (a WorkbookFeature), backed by the check service:
 *
 *   POST /api/checks/run       {step, lang?, source?}  run a step's check, record it → {attempt, result}
 *   GET  /api/progress?lang=   statuses and each step's latest result (rendered)
 *   POST /api/progress/reset   {step?}                 forget one step, or everything
 *   GET  /api/progress/export                          every attempt, with snapshots (a JSON download)
 *   GET  /api/settings                                 settings, effective variables, identity, region
 *   PUT  /api/settings         {region?, prefix?, …}   save (400 with the broken rules when invalid)
 *   POST /api/lessons/start    {lesson}                remember when a lesson was first opened
 *   GET  /api/resources                                what this learner's Checks found, with the cost per hour and so far
 *   GET  /api/events                                   server-sent events: this learner's progress, settings
 *   GET  /api/events/all                               an instructor's stream: every learner's progress
 *
 * Every route acts for the principal the edge resolved: a learner's routes read and write only that
 * learner's rows. An instructor has no progress of their own, so only the all-learners stream answers one.
 *
 * The Host is checked for every request by the workbook core. State-changing requests also need an
 * allowed Origin (a foreign page cannot post to us) and a JSON content type (no simple CORS form).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultLanguage, isLanguage, type Language } from '../i18n/languages.ts';
import type { CheckService } from '../checks/check-service.ts';
import { UnknownStepError } from '../checks/check-registry.ts';
import { ProgressStoreError } from '../progress/progress-store.ts';
import { defaultNames, defaultWorkspace, isSafeWorkspacePath } from '../settings/settings-schema.ts';
import { workspaceCreationProblem } from '../sandbox/workspace-folder.ts';
import type { LiveEvents } from './live-events.ts';
import { resourcesView } from './resources-view.ts';
import type { RequestGuard } from './request-guard.ts';
import type { WorkbookFeature } from './feature.ts';
import { HttpError, readJsonObject, sendJson } from './json-http.ts';

const maxBody = 64 * 1024;


function language(value: unknown): Language {
  return isLanguage(value) ? value : defaultLanguage;
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL, service: CheckService) => Promise<void>;

/**
 * `serviceFor(learner)` gives that learner's check service; `notice` is the store's one-time word
 * that the progress file was damaged and replaced.
 */
export function createChecksApi(serviceFor: (learner: string) => CheckService, live: LiveEvents, guard: RequestGuard, notice?: string): WorkbookFeature {
  const settingsView = async (service: CheckService) => {
    const [vars, region] = await Promise.all([service.variables(), service.region()]);
    return { settings: service.settings(), variables: vars, identity: service.identity() ?? null, region, defaults: { ...defaultNames, workspace: defaultWorkspace } };
  };

  const routes: Record<string, Route> = {
    'POST /api/checks/run': async (req, res, _url, service) => {
      const body = await readJsonObject(req, maxBody);
      // A step id is a string; anything else (an array, an object with toString) is refused, not coerced.
      if (typeof body.step !== 'string') throw new HttpError(400, 'step must be a step id as a string, e.g. "setup/docker".');
      const step = body.step;
      const registry = await service.registry();
      if (!registry.has(step)) throw new HttpError(404, new UnknownStepError(step, registry.stepIds()).message, { steps: registry.stepIds() });
      const source = body.source === 'auto' ? 'auto' : 'browser';
      const { attempt } = await service.run(step, { source });
      live.changed();
      sendJson(res, 200, { attempt: { id: attempt.id, step, status: attempt.status, at: attempt.at, durationMs: attempt.durationMs, source }, result: await service.render(attempt, language(body.lang)) });
    },
    'GET /api/progress': async (_req, res, url, service) => {
      const lang = language(url.searchParams.get('lang'));
      const latest = service.store.latest();
      const steps: Record<string, unknown> = {};
      for (const [step, attempt] of Object.entries(latest)) {
        steps[step] = { id: attempt.id, status: attempt.status, at: attempt.at, source: attempt.source, result: await service.render(attempt, lang) };
      }
      sendJson(res, 200, { statuses: service.store.statuses(), latest: steps, ...(notice && { notice }) });
    },
    'POST /api/progress/reset': async (req, res, _url, service) => {
      const body = await readJsonObject(req, maxBody);
      // No step means every step; anything else must be one known step id, never coerced, since a
      // mistaken body must not forget the learner's whole progress.
      if (body.step !== undefined && typeof body.step !== 'string') throw new HttpError(400, 'step must be a step id as a string (e.g. "setup/docker"), or left out to reset every step.');
      const step = body.step as string | undefined;
      if (step !== undefined) {
        const registry = await service.registry();
        if (!registry.has(step)) throw new HttpError(404, new UnknownStepError(step, registry.stepIds()).message, { steps: registry.stepIds() });
      }
      service.store.reset(step);
      live.changed();
      sendJson(res, 200, { statuses: service.store.statuses() });
    },
    'GET /api/progress/export': async (_req, res, _url, service) => {
      sendJson(res, 200, { exportedAt: new Date().toISOString(), settings: service.settings(), statuses: service.store.statuses(), attempts: service.store.attempts() }, {
        'content-disposition': 'attachment; filename="ecs-workbook-progress.json"',
      });
    },
    'GET /api/settings': async (_req, res, _url, service) => {
      sendJson(res, 200, await settingsView(service));
    },
    'PUT /api/settings': async (req, res, _url, service) => {
      const input = await readJsonObject(req, maxBody);
      const folder = typeof input.workspace === 'string' && isSafeWorkspacePath(input.workspace.trim()) && /^(?:~|\/)/.test(input.workspace.trim()) ? workspaceCreationProblem(input.workspace.trim()) : undefined;
      if (folder) throw new HttpError(400, 'Some settings are not allowed.', { problems: [{ field: 'workspace', message: folder }] });
      const saved = service.saveSettings(input);
      if (!saved.ok) throw new HttpError(400, 'Some settings are not allowed.', { problems: saved.problems });
      live.changed();
      void service
        .refreshIdentity()
        .then((found) => found && live.changed())
        .catch((error: Error) => console.error(error.message));
      sendJson(res, 200, await settingsView(service));
    },
    'POST /api/lessons/start': async (req, res, _url, service) => {
      const body = await readJsonObject(req, maxBody);
      const lesson = body.lesson;
      if (typeof lesson !== 'string' || !/^[a-z0-9-]{1,64}$/.test(lesson)) throw new HttpError(400, 'lesson must be the lesson part of a step id, e.g. "setup".');
      sendJson(res, 200, { lesson, startedAt: service.store.markLessonStarted(lesson) });
    },
    'GET /api/resources': async (_req, res, _url, service) => {
      sendJson(res, 200, resourcesView(service.store.resources(), new Date()));
    },
    'GET /api/events': async (_req, res, _url, service) => {
      live.subscribeLearner(res, service.store.learner);
    },
  };

  return {
    async handleRequest(req, res, url, principal) {
      if (!url.pathname.startsWith('/api/')) return false;
      const path = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
      const route = routes[path];
      if (!route && path !== 'GET /api/events/all') {
        // Terminal and other features answer their own /api/ paths before or after us.
        return false;
      }
      try {
        if (!principal) throw new HttpError(401, 'This request is not signed in to the workbook.');
        if (req.method !== 'GET' && req.method !== 'HEAD' && !guard.isAllowedOrigin(req)) {
          throw new HttpError(403, `Requests that change state must come from the workbook's own pages (Origin ${[...guard.allowedOrigins].join(' or ')}).`);
        }
        if (!route) {
          if (principal.kind !== 'instructor') throw new HttpError(403, 'Only an instructor may follow every learner\'s progress; your own progress streams from /api/events.');
          live.subscribeAll(res);
        } else {
          if (principal.kind !== 'learner') throw new HttpError(403, 'An instructor has no progress of their own; follow the learners at /api/events/all.');
          await route(req, res, url, serviceFor(principal.id));
        }
      } catch (error) {
        if (error instanceof HttpError) sendJson(res, error.status, error.body);
        else if (error instanceof ProgressStoreError) {
          // The store failed, not the learner's work: "could not check", with the fix.
          sendJson(res, 503, { error: error.message, couldNotCheck: true });
        } else {
          console.error(error);
          sendJson(res, 500, { error: `The workbook failed: ${(error as Error).message}` });
        }
      }
      return true;
    },
    close: () => live.close(),
  };
}
