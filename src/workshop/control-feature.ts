/**
 * `POST /workshop-control/stop`, with the launch's control secret as a bearer token: how
 * `ecs-workbook workshop stop` asks the running server to end the workshop. The answer comes once
 * every sandbox, network and volume is removed, so the command can say it is done; the server then
 * closes. A browser cannot send it: the secret is in a 0600 file, and a foreign page's request with
 * an Authorization header needs a CORS preflight that this server never grants.
 */
import { timingSafeEqual } from 'node:crypto';
import type { WorkbookFeature } from '../server/feature.ts';

export const stopPath = '/workshop-control/stop';

export interface ControlFeatureOptions {
  secret: string;
  /** Ends the workshop: removes what it made; resolves with what it removed. */
  stop(): Promise<{ removed: string[] }>;
  /** Called once the answer has gone out: closes the server. */
  afterStop(): void;
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createControlFeature(options: ControlFeatureOptions): WorkbookFeature {
  let stopping: Promise<{ removed: string[] }> | undefined;
  return {
    async handleRequest(req, res, url) {
      if (url.pathname !== stopPath) return false;
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (req.method !== 'POST' || !sameSecret(token, options.secret)) {
        res.writeHead(req.method === 'POST' ? 403 : 405, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ error: 'Only `ecs-workbook workshop stop`, run with the workshop\'s --data-dir, can stop the workshop.' }));
        return true;
      }
      stopping ??= options.stop();
      try {
        const { removed } = await stopping;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
        res.end(JSON.stringify({ stopped: true, removed }));
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
        res.end(JSON.stringify({ error: `The workshop could not remove everything: ${(error as Error).message}. Run ecs-workbook workshop stop again.` }));
        stopping = undefined;
        return true;
      }
      res.once('finish', () => options.afterStop());
      return true;
    },
  };
}
