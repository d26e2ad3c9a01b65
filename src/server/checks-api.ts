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
 *   GET  /api/events                                   server-sent events: progress, settings
 *
 * The Host is checked for every request by the workbook core. State-changing requests also need an
 * allowed Origin (a foreign page cannot post to us) and a JSON content type (no simple CORS form).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultLanguage, isLanguage, type Language } from '../i18n/languages.ts';
import type { CheckService } from '../checks/check-service.ts';
import { UnknownStepError } from '../checks/check-registry.ts';
import { defaultNames, defaultWorkspace } from '../settings/settings-schema.ts';
import type { LiveEvents } from './live-events.ts';
import type { RequestGuard } from './request-guard.ts';
import type { WorkbookFeature } from './feature.ts';

const maxBody = 64 * 1024;

class HttpError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.body = { error: message, ...extra };
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'Send JSON with "Content-Type: application/json".');
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw new HttpError(413, `The request body is larger than ${maxBody} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8') || '{}';
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'The request body must be a JSON object.');
  }
}

function language(value: unknown): Language {
  return isLanguage(value) ? value : defaultLanguage;
}

export function createChecksApi(service: CheckService, live: LiveEvents, guard: RequestGuard): WorkbookFeature {
  const settingsView = async () => {
    const [vars, region] = await Promise.all([service.variables(), service.region()]);
    return { settings: service.settings(), variables: vars, identity: service.identity() ?? null, region, defaults: { ...defaultNames, workspace: defaultWorkspace } };
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>> = {
    'POST /api/checks/run': async (req, res) => {
      const body = await readJson(req);
      const step = String(body.step ?? '');
      const registry = await service.registry();
      if (!registry.has(step)) throw new HttpError(404, new UnknownStepError(step, registry.stepIds()).message, { steps: registry.stepIds() });
      const source = body.source === 'auto' ? 'auto' : 'browser';
      const { attempt } = await service.run(step, { source });
      live.changed();
      json(res, 200, { attempt: { id: attempt.id, step, status: attempt.status, at: attempt.at, durationMs: attempt.durationMs, source }, result: await service.render(attempt, language(body.lang)) });
    },
    'GET /api/progress': async (_req, res, url) => {
      const lang = language(url.searchParams.get('lang'));
      const latest = service.store.latest();
      const steps: Record<string, unknown> = {};
      for (const [step, attempt] of Object.entries(latest)) {
        steps[step] = { id: attempt.id, status: attempt.status, at: attempt.at, source: attempt.source, result: await service.render(attempt, lang) };
      }
      json(res, 200, { statuses: service.store.statuses(), latest: steps, ...(service.store.notice && { notice: service.store.notice }) });
    },
    'POST /api/progress/reset': async (req, res) => {
      const body = await readJson(req);
      const step = typeof body.step === 'string' && body.step ? body.step : undefined;
      service.store.reset(step);
      live.changed();
      json(res, 200, { statuses: service.store.statuses() });
    },
    'GET /api/progress/export': async (_req, res) => {
      json(res, 200, { exportedAt: new Date().toISOString(), settings: service.settings(), statuses: service.store.statuses(), attempts: service.store.attempts() }, {
        'content-disposition': 'attachment; filename="ecs-workbook-progress.json"',
      });
    },
    'GET /api/settings': async (_req, res) => {
      json(res, 200, await settingsView());
    },
    'PUT /api/settings': async (req, res) => {
      const saved = service.saveSettings(await readJson(req));
      if (!saved.ok) throw new HttpError(400, 'Some settings are not allowed.', { problems: saved.problems });
      live.changed();
      void service.refreshIdentity().then((found) => found && live.changed());
      json(res, 200, await settingsView());
    },
    'POST /api/lessons/start': async (req, res) => {
      const body = await readJson(req);
      const lesson = String(body.lesson ?? '');
      if (!/^[a-z0-9-]{1,64}$/.test(lesson)) throw new HttpError(400, 'lesson must be the lesson part of a step id, e.g. "setup".');
      json(res, 200, { lesson, startedAt: service.store.markLessonStarted(lesson) });
    },
    'GET /api/events': async (_req, res) => {
      live.subscribe(res);
    },
  };

  return {
    async handleRequest(req, res, url) {
      if (!url.pathname.startsWith('/api/')) return false;
      const route = routes[`${req.method} ${url.pathname.replace(/\/$/, '')}`];
      if (!route) {
        // Terminal and other features answer their own /api/ paths before or after us.
        return false;
      }
      try {
        if (req.method !== 'GET' && req.method !== 'HEAD' && !guard.isAllowedOrigin(req)) {
          throw new HttpError(403, `Requests that change state must come from the workbook's own pages (Origin ${[...guard.allowedOrigins].join(' or ')}).`);
        }
        await route(req, res, url);
      } catch (error) {
        if (error instanceof HttpError) json(res, error.status, error.body);
        else {
          console.error(error);
          json(res, 500, { error: `The workbook failed: ${(error as Error).message}` });
        }
      }
      return true;
    },
    close: () => live.close(),
  };
}
