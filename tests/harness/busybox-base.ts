/**
 * A local stand-in for a public base image: no image registry is reachable in tests, so we make a
 * busybox image from Debian's static busybox (package busybox-static) with `docker import`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync, symlinkSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The base image the sample app's Dockerfile names by default, and lesson 01 runs. */
export const publicBusybox = 'public.ecr.aws/docker/library/busybox:1.36';
export const localBusybox = 'ecs-workbook-test/busybox-base:latest';

function imageExists(name: string): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Builds the local busybox image once per engine; returns its name. */
export function ensureBusyboxBase(): string {
  if (imageExists(localBusybox)) return localBusybox;
  const root = mkdtempSync(join(tmpdir(), 'busybox-root-'));
  try {
    for (const dir of ['bin', 'tmp', 'etc', 'app']) mkdirSync(join(root, dir));
    chmodSync(join(root, 'tmp'), 0o1777);
    copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
    chmodSync(join(root, 'bin', 'busybox'), 0o755);
    const applets = execFileSync('/bin/busybox', ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const applet of applets) if (applet !== 'busybox') symlinkSync('busybox', join(root, 'bin', applet));
    const tarball = `${root}.tar`;
    execFileSync('tar', ['-C', root, '-cf', tarball, '.']);
    execFileSync('docker', ['import', '--change', 'CMD ["sh"]', '--change', 'ENV PATH=/bin', tarball, localBusybox], { stdio: 'ignore' });
    rmSync(tarball, { force: true });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return localBusybox;
}

/**
 * Stand-in for `docker pull` of the public busybox image: the local one under the public name, so
 * `docker run`/`docker build` with the lesson's exact image name find it without a registry.
 */
export function tagLocalBusyboxAsPublic(): void {
  ensureBusyboxBase();
  execFileSync('docker', ['tag', localBusybox, publicBusybox]);
}
