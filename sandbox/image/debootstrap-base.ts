/**
 * The sandbox's Debian base made on this machine, for hosts that reach Debian's mirror but no image
 * registry: `debootstrap` of bookworm with every package the sandbox needs into a folder, packed
 * into a tarball kept in the cache (so CI and later test runs debootstrap once), then `docker import`.
 * The image is tagged by a hash of what went into it, so a changed package list makes a new base.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inStep, runStep } from './build-step.ts';
import { imageExists } from './docker-images.ts';

export const debianSuite = 'bookworm';
/**
 * The Debian mirror this machine's apt already uses (so debootstrap reaches what `apt-get` does),
 * unless ECS_WORKBOOK_DEBIAN_MIRROR names another.
 */
export const debianMirror = process.env.ECS_WORKBOOK_DEBIAN_MIRROR ?? aptMirror();

function aptMirror(): string {
  const sources: string[] = [];
  for (const file of ['/etc/apt/sources.list']) if (existsSync(file)) sources.push(readFileSync(file, 'utf8'));
  const folder = '/etc/apt/sources.list.d';
  if (existsSync(folder)) for (const name of readdirSync(folder).sort()) sources.push(readFileSync(join(folder, name), 'utf8'));
  for (const text of sources) {
    // deb822 ("URIs: …") or one-line ("deb [options] URI suite …") form; the main archive, not security.
    const uri = /^URIs:\s*(\S+)/m.exec(text)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/m.exec(text)?.[1];
    if (uri && !/security/.test(uri)) return uri.replace(/\/$/, '');
  }
  throw new Error('No Debian mirror found in /etc/apt/sources.list(.d): set ECS_WORKBOOK_DEBIAN_MIRROR to one (a URL ending in /debian).');
}

export function readPackageList(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

export function baseImageTag(packages: readonly string[]): string {
  const hash = createHash('sha256').update(JSON.stringify({ suite: debianSuite, mirror: debianMirror, arch: process.arch, packages })).digest('hex');
  return `ecs-workbook-sandbox-base:${hash.slice(0, 16)}`;
}

/** Makes (or finds) the local Debian base image; returns its tag. */
export async function ensureDebootstrapBase(options: { packages: readonly string[]; cacheDir: string; rebuild?: boolean; log?: (line: string) => void }): Promise<string> {
  const tag = baseImageTag(options.packages);
  if (!options.rebuild && (await imageExists(tag))) return tag;
  const tarball = join(options.cacheDir, `${tag.replace(/[:/]/g, '-')}.tar`);
  if (options.rebuild || !existsSync(tarball)) {
    const root = `${tarball}.root`;
    await inStep('debootstrap', () => {
      mkdirSync(options.cacheDir, { recursive: true });
      rmSync(root, { recursive: true, force: true });
    });
    await runStep(
      'debootstrap',
      'debootstrap',
      ['--variant=minbase', `--include=${options.packages.join(',')}`, debianSuite, root, debianMirror],
      { log: options.log },
    );
    // apt's downloaded .deb files are half the root's size and no use in an image.
    await inStep('debootstrap', () => {
      const archives = join(root, 'var/cache/apt/archives');
      for (const file of readdirSync(archives)) if (file.endsWith('.deb')) rmSync(join(archives, file));
    });
    await runStep('pack the Debian root', 'tar', ['--numeric-owner', '-C', root, '-cf', `${tarball}.partial`, '.']);
    await inStep('pack the Debian root', () => {
      renameSync(`${tarball}.partial`, tarball);
      rmSync(root, { recursive: true, force: true });
    });
  }
  await runStep('docker import', 'docker', ['import', '--change', 'CMD ["bash"]', tarball, tag]);
  return tag;
}
