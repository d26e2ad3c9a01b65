/**
 * Opens the learner's browser without putting the sign-in link where other users can read it.
 * A command line is public on this machine (`ps`, /proc/PID/cmdline) for as long as the browser
 * runs, so the browser gets the path of a file instead, as Jupyter does: a page readable only by
 * the learner (0600, in their 0700 data folder) that redirects to the link. The token in it is
 * spent when the browser signs in, and the file is removed when the workbook stops.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Writes the redirect page for `link` and returns its path. */
export function writeRedirectPage(dataDir: string, port: number, link: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, `open-${port}.html`);
  rmSync(file, { force: true });
  const href = escapeHtml(link);
  writeFileSync(
    file,
    `<!doctype html>\n<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>ECS Workbook</title></head>\n` +
      `<body><p>Opening ECS Workbook… If nothing happens, <a href="${href}">open it here</a>.</p>\n` +
      `<script>location.replace(${JSON.stringify(link).replace(/</g, '\\u003c')});</script></body></html>\n`,
    { mode: 0o600, flag: 'wx' },
  );
  chmodSync(file, 0o600);
  return file;
}

/** Opens the browser on the redirect page; returns a function that removes the page. */
export function openBrowserPrivately(dataDir: string, port: number, link: string): () => void {
  const file = writeRedirectPage(dataDir, port, link);
  const target = pathToFileURL(file).href;
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [target], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('Could not open a browser: open the link above in your browser.'));
  child.unref();
  return () => rmSync(file, { force: true });
}
