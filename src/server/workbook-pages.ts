/**
 * The built Astro site and its assets, rendered with each request's locals: what the solo server
 * and the workshop server both serve behind the workbook's own API and terminal.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import send from 'send';
import type { Workbook } from './workbook.ts';

type AstroHandler = (req: unknown, res: unknown, next: (() => void) | undefined, locals: Pick<App.Locals, 'workbook'>) => Promise<void>;

/** The page handler for `serveWorkbook`, from the build in `root/dist`. */
export async function workbookPages(root: string, workbook: Workbook): Promise<(req: IncomingMessage, res: ServerResponse) => Promise<void>> {
  const { handler: astroHandler } = (await import(pathToFileURL(join(root, 'dist', 'server', 'entry.mjs')).href)) as { handler: AstroHandler };
  const clientDir = join(root, 'dist', 'client');
  const render = async (req: IncomingMessage, res: ServerResponse) => {
    // Astro builds a Fetch Request, which refuses TRACE: it would throw, a 500 with a stack trace.
    // (Node's parser refuses unknown methods itself, and CONNECT never reaches a request handler.)
    if (req.method === 'TRACE') {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' });
      res.end(`The workbook's pages do not answer ${req.method}. Open the page in a browser (GET).\n`);
      return;
    }
    // A page carries the launch secret (signed in) and the learner's values: never cached.
    res.setHeader('cache-control', 'no-store');
    // No `next`: a path that matches no page gets Astro's 404 page instead of waiting for ever.
    await astroHandler(req, res, undefined, { workbook: workbook.localsFor(req) });
  };
  return (req, res) => {
    // Built assets first (hashed, cached forever); everything else is a page Astro renders.
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
