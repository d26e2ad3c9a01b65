/**
 * The Astro build that a start runs first when a source is newer than the build: one step for the
 * solo start and the workshop server. It only builds and throws; each caller says in its own words
 * that it builds, how long it took, and what to do when it failed (the solo start exits, the
 * workshop command reports the error).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildIsStale } from './build-freshness.ts';

/** The build failed; `output` is what it printed when it was captured (empty when it was shown live). */
export class BuildFailed extends Error {
  readonly output: string;
  constructor(output: string) {
    super('The workbook\'s pages did not build; the messages above name the file and the problem.');
    this.output = output;
  }
}

export interface BuildOptions {
  /** Show the build's own output as it runs; otherwise it is captured and kept for a failure. */
  showOutput: boolean;
  /** Called just before a build starts (nothing is called when the build is fresh). */
  onBuilding(): void;
}

/** Builds when the sources changed; returns the seconds it took, or undefined when nothing was stale. */
export function buildIfStale(root: string, options: BuildOptions): number | undefined {
  if (!buildIsStale(root)) return undefined;
  options.onBuilding();
  const started = performance.now();
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'build'], {
    cwd: root,
    // The build reads nothing: its input is the project's files. Shown, its messages go to stderr:
    // stdout belongs to the caller (`workshop --json` prints only its JSON there).
    stdio: options.showOutput ? ['ignore', 2, 2] : ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new BuildFailed(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  return (performance.now() - started) / 1000;
}
