/**
 * The workshop server's build step: the Astro site is rebuilt first when its sources are newer
 * (src/server/build-if-stale.ts, the solo start's step too), its output shown as it runs, and a
 * failed build is an error that the workshop command reports, rather than an exit as in the solo
 * start. The pages themselves are served as the solo server serves them (src/server/workbook-pages.ts).
 */
import { buildIfStale } from '../server/build-if-stale.ts';

/** Builds the site when its sources changed; throws with the build's verdict when it fails. */
export function buildPagesIfStale(root: string, log: (line: string) => void) {
  buildIfStale(root, { showOutput: true, onBuilding: () => log('Building the workbook (the sources changed since the last build)…') });
}
