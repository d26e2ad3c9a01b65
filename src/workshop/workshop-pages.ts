/**
 * The workshop server's build step: the Astro site is rebuilt first when its sources are newer,
 * failing with an error (the workshop command reports it) rather than exiting as the solo start does.
 * The pages themselves are served as the solo server serves them (src/server/workbook-pages.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildIsStale } from '../server/build-freshness.ts';

/** Builds the site when its sources changed; throws with the build's verdict when it fails. */
export function buildPagesIfStale(root: string, log: (line: string) => void) {
  if (!buildIsStale(root)) return;
  log('Building the workbook (the sources changed since the last build)…');
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('The workbook\'s pages did not build; the messages above name the file and the problem.');
}
