/**
 * The learner's sandbox as their page sees it (a WorkbookFeature, for learner principals only):
 *
 *   GET  /api/workshop/sandbox        {phase, reason?, ahead?}  where it is in its life (failed: why)
 *   POST /api/workshop/sandbox/reset  {}                        a fresh sandbox (files and images gone)
 *   POST /api/workshop/presence       {visible: true}           the page is visible: not idle; wakes a paused sandbox
 *
 * The page beats presence while it is visible (not when hidden: a tab left open in a drawer must
 * not keep a sandbox running all day). State-changing requests need an allowed Origin and a JSON
 * content type, as the rest of the API.
 */
import type { IncomingMessage } from 'node:http';
import type { DockerSandboxProvider } from '../sandbox/docker-provider.ts';
import type { RequestGuard } from '../server/request-guard.ts';
import type { WorkbookFeature } from '../server/feature.ts';
import { sendJson } from '../server/json-http.ts';
import type { IdlePause } from './idle-pause.ts';
import type { WorkshopSandbox } from './workshop-sandbox.ts';

export const sandboxApiPath = '/api/workshop/sandbox';
export const presencePath = '/api/workshop/presence';

export interface SandboxFeatureOptions {
  guard: RequestGuard;
  provider: Pick<DockerSandboxProvider, 'status' | 'reset' | 'resume' | 'queuePosition'>;
  sandbox: Pick<WorkshopSandbox, 'endShells'>;
  idle: Pick<IdlePause, 'active' | 'settled'>;
}

/** A state change from a page of ours: allowed Origin, JSON (a form cannot send it cross-site). */
function refusedChange(req: IncomingMessage, guard: RequestGuard): string | undefined {
  if (req.method !== 'POST') return 'Use POST.';
  if (!guard.isAllowedOrigin(req)) return 'Only the workbook\'s own pages may change the sandbox.';
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return 'Send JSON with "Content-Type: application/json".';
  return undefined;
}

export function createSandboxFeature(options: SandboxFeatureOptions): WorkbookFeature {
  return {
    async handleRequest(req, res, url, principal) {
      if (url.pathname !== sandboxApiPath && url.pathname !== `${sandboxApiPath}/reset` && url.pathname !== presencePath) return false;
      if (principal?.kind !== 'learner') {
        sendJson(res, 403, { error: 'Only a learner who joined the workshop has a sandbox.' });
        return true;
      }
      const learner = principal.id;
      if (url.pathname === sandboxApiPath) {
        if (req.method !== 'GET') return sendJson(res, 405, { error: 'Use GET.' }), true;
        const status = await options.provider.status(learner);
        const ahead = options.provider.queuePosition(learner);
        sendJson(res, 200, { ...status, ...(ahead !== undefined && { ahead }) });
        return true;
      }
      const refused = refusedChange(req, options.guard);
      if (refused) return sendJson(res, req.method === 'POST' ? 403 : 405, { error: refused }), true;
      req.resume();
      if (url.pathname === presencePath) {
        options.idle.active(learner);
        // Back from a break (or after a restart found it stopped): start the sandbox now, so the
        // terminal's new shell finds it ready. Only a paused one: a learner who has none yet gets
        // it from their first shell, and a dead one waits for their choice (start again or reset).
        void (async () => {
          await options.idle.settled(learner);
          if ((await options.provider.status(learner)).phase === 'paused') await options.provider.resume(learner);
        })().catch((error: Error) => console.error(`Resuming the sandbox of ${learner} failed: ${error.message}`));
        res.writeHead(204, { 'cache-control': 'no-store' });
        res.end();
        return true;
      }
      try {
        options.idle.active(learner);
        await options.sandbox.endShells(learner, 'reset').catch(() => undefined);
        const status = await options.provider.reset(learner);
        sendJson(res, 200, status);
      } catch (error) {
        sendJson(res, 503, { error: `Your sandbox could not be reset: ${(error as Error).message}` });
      }
      return true;
    },
  };
}
