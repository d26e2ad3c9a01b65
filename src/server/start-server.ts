import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import send from 'send';
import { buildIsStale } from './build-freshness.ts';
import { loopbackHosts, type ServerOptions } from './server-options.ts';
import { createWorkbook } from './workbook.ts';

type AstroHandler = (req: unknown, res: unknown, next: () => void, locals: Pick<App.Locals, 'workbook'>) => Promise<void>;

const root = process.cwd();

function buildIfStale() {
  if (!buildIsStale(root)) return;
  console.log('Building the workbook (the sources changed since the last build)…');
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; the messages above name the file and the problem.');
    process.exit(1);
  }
}

function openBrowser(url: string) {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log(`Open ${url} in your browser.`));
  child.unref();
}

/** Builds when needed, then serves the workbook from one Node process: pages, API and terminal. */
export async function startServer(options: ServerOptions) {
  buildIfStale();
  const entry = pathToFileURL(join(root, 'dist', 'server', 'entry.mjs')).href;
  const { handler: astroHandler } = (await import(entry)) as { handler: AstroHandler };
  const clientDir = join(root, 'dist', 'client');

  const workbook = createWorkbook({ host: options.host, port: options.port });
  const server = createServer((req, res) => {
    void workbook.handleRequest(req, res, () => {
      const render = () => void astroHandler(req, res, () => {}, { workbook: workbook.localsFor(req) });
      // Built assets first (hashed, cached forever); everything else is a page Astro renders.
      if (req.method !== 'GET' && req.method !== 'HEAD') return render();
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      } catch {
        // The workbook core answers these with 400 first; never let a throw here hang a request.
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The address is not valid: each % must be followed by two hexadecimal digits.\n');
        return;
      }
      if (path.endsWith('/')) return render();
      send(req, path, { root: clientDir, index: false, dotfiles: 'deny', immutable: path.startsWith('/_astro/'), maxAge: path.startsWith('/_astro/') ? '1y' : 0 })
        .on('error', render)
        .pipe(res);
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (!workbook.handleUpgrade(req, socket, head)) socket.destroy();
  });

  await new Promise<void>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        console.error(`Port ${options.port} is in use. Start on another port: npm start -- --port ${options.port + 1}`);
      } else if (error.code === 'EACCES') {
        console.error(`Port ${options.port} needs privileges. Start on a port above 1023: npm start -- --port ${4321}`);
      } else if (error.code === 'EADDRNOTAVAIL') {
        console.error(`This machine has no address ${options.host}. Leave out --host to use 127.0.0.1.`);
      } else {
        console.error(`Could not listen on ${options.host}:${options.port}: ${error.message}`);
      }
      process.exit(1);
    });
    server.listen(options.port, options.host, resolve);
  });

  const displayHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${displayHost}:${options.port}/`;
  const signInLink = workbook.signIn.link(url);
  if (!loopbackHosts.has(options.host)) {
    console.warn(`Warning: listening on ${options.host}, not only this machine. Anyone who can reach it and has the sign-in link can use its terminal (a shell as you) and your AWS checks; keep the link private.`);
  }
  console.log(`ECS Workbook is running at ${url}`);
  // Printed even with --no-open: a browser that has not opened this link cannot use the terminal.
  console.log(`Open this link to sign this browser in (it ends in #sign-in=…, keep it private):\n  ${signInLink}`);
  if (options.open) openBrowser(signInLink);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await workbook.close();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return { server, workbook, url };
}
