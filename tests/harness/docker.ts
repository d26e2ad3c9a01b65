/**
 * The real Docker engine for observer tests, with a base image made locally (no registry is
 * reachable here): `docker import` of a tarball holding Debian's static busybox as /bin/busybox,
 * with sh and httpd linked to it and `CMD httpd -f -p 3000`.
 *
 *   const docker = dockerHarness();
 *   await docker.baseImage();                 // idempotent; returns the tag
 *   const id = await docker.run(['-d', '-p', '8081:3000', tag]);   // tracked for cleanup
 *   await docker.cleanup();                   // removes containers and images it made
 *
 * Needs the `busybox-static` Debian package (installed by .ci/run) and a running engine.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, copyFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const baseImageTag = 'ecs-workbook-test/busybox-httpd:1';

export async function docker(args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

export function dockerHarness() {
  const containers = new Set<string>();
  const images = new Set<string>();
  return {
    async baseImage(): Promise<string> {
      const existing = await docker(['images', '-q', baseImageTag]);
      if (existing) return baseImageTag;
      const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((path) => existsSync(path));
      if (!busybox) throw new Error('No static busybox found: apt-get install busybox-static (see .ci/run).');
      const root = mkdtempSync(join(tmpdir(), 'wb-rootfs-'));
      try {
        mkdirSync(join(root, 'bin'));
        mkdirSync(join(root, 'www'));
        copyFileSync(busybox, join(root, 'bin', 'busybox'));
        chmodSync(join(root, 'bin', 'busybox'), 0o755);
        for (const name of ['sh', 'httpd', 'echo', 'cat', 'sleep', 'ls']) symlinkSync('busybox', join(root, 'bin', name));
        await run('tar', ['-C', root, '-cf', join(root, '..', `${root.split('/').pop()}.tar`), '.']);
        await docker(['import', '--change', 'CMD ["httpd","-f","-p","3000","-h","/www"]', '--change', 'EXPOSE 3000', join(root, '..', `${root.split('/').pop()}.tar`), baseImageTag]);
      } finally {
        rmSync(`${root}.tar`, { force: true });
        rmSync(root, { recursive: true, force: true });
      }
      // The base image is shared by tests and kept between runs; images built from it are tracked.
      return baseImageTag;
    },
    /** `docker run …`; the container is removed by cleanup(). */
    async run(args: string[]): Promise<string> {
      const id = await docker(['run', ...args]);
      containers.add(id);
      return id;
    },
    /** Tracks an image a test built (e.g. `docker build -t x`), so cleanup() removes it. */
    trackImage(tag: string) {
      images.add(tag);
    },
    async cleanup() {
      for (const id of containers) await docker(['rm', '-f', id]).catch(() => '');
      for (const tag of images) await docker(['rmi', '-f', tag]).catch(() => '');
      containers.clear();
      images.clear();
    },
  };
}
