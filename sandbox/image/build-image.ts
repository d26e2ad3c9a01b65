/**
 * Builds the learner sandbox image once and reuses it: the image is tagged and labelled with a hash
 * of everything that goes into it (Dockerfile, packages, the CLI's files, the package lock, Node's
 * version, the base), so an unchanged project finds its image and a changed one builds anew.
 *
 *   node sandbox/image/build-image.ts                       # local Debian base (debootstrap), no registry
 *   node sandbox/image/build-image.ts --rebuild             # build again even if the image exists
 *   node sandbox/image/build-image.ts --base-image debian:bookworm-slim   # where a registry is reachable
 *
 * Concurrent callers (test files in parallel, a server starting twice) wait for one build: a lock
 * folder in the cache is created atomically, and the others poll until it is gone.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, copyFileSync, realpathSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { hashAppInputs, stageAppFiles } from './app-files.ts';
import { BuildStepError, inStep, runStep } from './build-step.ts';
import { ensureDebootstrapBase, readPackageList } from './debootstrap-base.ts';
import { imageExists, imageId } from './docker-images.ts';

export const imageDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = join(imageDir, '..', '..');
export const sandboxImageRepository = 'ecs-workbook-sandbox';
export const inputsLabel = 'ecs-workbook.sandbox-inputs';

export interface BuildOptions {
  /** Build even if an image with the same inputs exists (and debootstrap the base again). */
  rebuild?: boolean;
  /** A registry base such as debian:bookworm-slim; without it the base is made by debootstrap. */
  baseImage?: string;
  /** Where the debootstrap tarball is kept between runs. */
  cacheDir?: string;
  log?: (line: string) => void;
}

export interface BuiltImage {
  tag: string;
  /** False when an image with the same inputs was found and reused. */
  built: boolean;
  seconds: number;
}

export function defaultCacheDir(): string {
  return process.env.ECS_WORKBOOK_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ecs-workbook');
}

const nodeBinary = () => realpathSync(process.execPath);

function inputsHash(base: string): string {
  const hash = createHash('sha256');
  for (const file of ['Dockerfile', 'packages.txt', 'sandbox-init.sh']) hash.update(readFileSync(join(imageDir, file)));
  hash.update(base).update(process.version).update(hashAppInputs(projectRoot));
  return hash.digest('hex');
}

/** Finds or builds the sandbox image; returns its tag. Errors are BuildStepErrors naming the step. */
export async function ensureSandboxImage(options: BuildOptions = {}): Promise<BuiltImage> {
  const started = performance.now();
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  await inStep('check the Docker engine', () => mkdirSync(cacheDir, { recursive: true }));
  await runStep('check the Docker engine', 'docker', ['version', '--format', '{{.Server.Version}}']).catch((error: BuildStepError) => {
    throw new BuildStepError('check the Docker engine', `${error.message.split('\n').slice(-3).join(' ')}\nStart it (for example: sudo systemctl start docker, or dockerd &) and try again.`);
  });
  return withLock(join(cacheDir, 'sandbox-build.lock'), async () => {
    const packages = readPackageList(join(imageDir, 'packages.txt'));
    // The base's tag is a hash of its packages; a registry base is named as given.
    const base = options.baseImage ?? (await ensureDebootstrapBase({ packages, cacheDir, rebuild: options.rebuild, log: options.log }));
    const hash = inputsHash(base);
    const tag = `${sandboxImageRepository}:${hash.slice(0, 16)}`;
    if (!options.rebuild && (await imageExists(tag))) return { tag, built: false, seconds: (performance.now() - started) / 1000 };
    // A rebuild moves the tag; the image it leaves behind is removed after the build.
    const replaced = await imageId(tag);

    const context = await inStep('prepare the build context', () => {
      const dir = mkdtempSync(join(tmpdir(), 'ecs-workbook-sandbox-'));
      for (const file of ['Dockerfile', 'packages.txt', 'sandbox-init.sh']) copyFileSync(join(imageDir, file), join(dir, file));
      copyFileSync(nodeBinary(), join(dir, 'node'));
      stageAppFiles(projectRoot, join(dir, 'app'));
      return dir;
    });
    try {
      await runStep(
        'docker build',
        'docker',
        ['build', '--build-arg', `BASE_IMAGE=${base}`, '--label', `${inputsLabel}=${hash}`, '-t', tag, '-t', `${sandboxImageRepository}:latest`, context],
        // The classic builder: bookworm has no buildx, and its "Step N/M" lines name the failing step.
        { env: { ...process.env, DOCKER_BUILDKIT: '0' }, log: options.log },
      ).catch((error: BuildStepError) => {
        const failedStep = [...error.message.matchAll(/^Step \d+\/\d+ : (.*)$/gm)].pop()?.[1];
        throw failedStep ? new BuildStepError(`docker build: ${failedStep.slice(0, 120)}`, error.message.replace(/^.*?: /, '')) : error;
      });
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
    await removeOlderImages(tag);
    if (replaced && replaced !== (await imageId(tag))) await runStep('remove older images', 'docker', ['image', 'rm', replaced]).catch(() => undefined);
    return { tag, built: true, seconds: (performance.now() - started) / 1000 };
  });
}

/** Earlier builds are a gigabyte each; those no sandbox still runs on are removed (the engine refuses the others). */
async function removeOlderImages(current: string): Promise<void> {
  const listed = await runStep('remove older images', 'docker', ['image', 'ls', sandboxImageRepository, '--format', '{{.Repository}}:{{.Tag}}']).catch(() => '');
  for (const tag of listed.split('\n').map((line) => line.trim())) {
    if (tag && tag !== current && !tag.endsWith(':latest') && !tag.endsWith(':<none>')) await runStep('remove older images', 'docker', ['image', 'rm', tag]).catch(() => undefined);
  }
}

/** Runs `work` holding a lock folder; a lock older than an hour is a crashed build's and is taken over. */
async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60 * 60 * 1000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Gone between the two calls: try again at once.
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  const rebuild = argv.includes('--rebuild');
  const baseIndex = argv.indexOf('--base-image');
  const baseImage = baseIndex >= 0 ? argv[baseIndex + 1] : undefined;
  if (baseIndex >= 0 && !baseImage) {
    console.error('--base-image needs an image name, for example: --base-image debian:bookworm-slim');
    return 2;
  }
  try {
    const image = await ensureSandboxImage({ rebuild, baseImage, log: argv.includes('--verbose') ? (line) => console.log(line) : undefined });
    console.log(`${image.built ? 'Built' : 'Reused'} ${image.tag} in ${image.seconds.toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
