import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the Astro build is made from; a change in any of these makes `dist/` stale. */
export const buildInputs = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'lessons', 'public'];
export const buildOutput = join('dist', 'server', 'entry.mjs');
/** The lesson search index, written last (src/search/search-integration.ts): a build that stopped before it is not finished. */
export const searchIndexOutput = join('dist', 'client', 'pagefind', 'pagefind.js');

function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    // Tests beside the sources do not go into the build.
    if (entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestModification(join(path, entry)));
  }
  return newest;
}

/** True when there is no build, or a source is newer than it. */
export function buildIsStale(root: string): boolean {
  const output = join(root, buildOutput);
  if (!existsSync(output) || !existsSync(join(root, searchIndexOutput))) return true;
  const built = statSync(output).mtimeMs;
  return buildInputs.some((input) => newestModification(join(root, input)) > built);
}
