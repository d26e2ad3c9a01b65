import { createServer } from 'node:http';
import { BuildFailed, buildIfStale } from './build-if-stale.ts';
import { openBrowserPrivately } from './open-browser.ts';
import { loopbackHosts, type ServerOptions } from './server-options.ts';
import { serveWorkbook } from './serve-workbook.ts';
import { workbookPages } from './workbook-pages.ts';
import { createWorkbook } from './workbook.ts';

const root = process.cwd();

/**
 * Builds when a source is newer than the build. The build's own output (hundreds of lines of
 * Vite and Astro progress and warnings) is captured, so the sign-in link stays near the top of
 * the window; it is shown when the build fails, or as it happens with --verbose.
 */
function buildIfStaleOrExit(verbose: boolean) {
  try {
    const seconds = buildIfStale(root, {
      showOutput: verbose,
      onBuilding: () => console.log('Building the workbook (the sources changed since the last build; this takes a few seconds)…'),
    });
    if (seconds !== undefined) console.log(`Built in ${seconds.toFixed(1)} s.`);
  } catch (error) {
    if (!(error instanceof BuildFailed)) throw error;
    process.stderr.write(error.output);
    console.error('The build failed; the messages above name the file and the problem. Fix it and run npm start again.');
    process.exit(1);
  }
}

/** Builds when needed, then serves the workbook from one Node process: pages, API and terminal. */
export async function startServer(options: ServerOptions) {
  buildIfStaleOrExit(options.verbose);
  const workbook = createWorkbook({ host: options.host, port: options.port });
  const server = createServer();
  serveWorkbook(server, workbook, await workbookPages(root, workbook));

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
  console.log(`Open this link to sign this browser in (it ends in #sign-in=…, keep it private; it signs in one browser, and \`npx ecs-workbook link\` makes another):\n  ${signInLink}`);
  // The browser opens a private file that redirects to the link: argv is readable by every user.
  const removeRedirectPage = options.open ? openBrowserPrivately(workbook.dataDir, options.port, signInLink) : () => {};

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    removeRedirectPage();
    await workbook.close();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return { server, workbook, url };
}
