/**
 * The workshop server's pages: the built Astro site (rebuilt first when its sources are newer) and
 * its assets, rendered with each request's locals, the way the solo server serves them. Kept apart
 * from start-server.ts so the solo server's start stays as it is.
 */
import { spawnSync } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import send from 'send';
import { buildIsStale } from '../server/build-freshness.ts';
import type { Workbook } from '../server/workbook.ts';

type AstroHandler = (req: unknown, res: unknown, next: (() => void) | undefined, locals: Pick<App.Locals, 'workbook'>) => Promise<void>;

/** Builds the site when its sources changed; throws with the build's verdict when it fails. */
export function buildPagesIfStale(root: string, log: (line: string) => void) {
  if (!buildIsStale(root)) return;
  log('Building the workbook (the sources changed since the last build)…');
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('The workbook\'s pages did not build; the messages above name the file and the problem.');
}

export async function workshopPages(root: string, workbook: Workbook): Promise<(req: IncomingMessage, res: ServerResponse) => Promise<void>> {
  const { handler: astroHandler } = (await import(pathToFileURL(join(root, 'dist', 'server', 'entry.mjs')).href)) as { handler: AstroHandler };
  const clientDir = join(root, 'dist', 'client');
  const render = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'TRACE') {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' });
      res.end(`The workbook's pages do not answer ${req.method}. Open the page in a browser (GET).\n`);
      return;
    }
    // A page carries the launch secret (signed in) and the learner's values: never cached.
    res.setHeader('cache-control', 'no-store');
    await astroHandler(req, res, undefined, { workbook: workbook.localsFor(req) });
  };
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return render(req, res);
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The address is not valid: each % must be followed by two hexadecimal digits.\n');
      return Promise.resolve();
    }
    if (path.endsWith('/')) return render(req, res);
    return new Promise<void>((resolve) => {
      send(req, path, { root: clientDir, index: false, dotfiles: 'deny', immutable: path.startsWith('/_astro/'), maxAge: path.startsWith('/_astro/') ? '1y' : 0 })
        .on('error', () => resolve(render(req, res)))
        .on('end', resolve)
        .pipe(res)
        .on('close', resolve);
    });
  };
}
