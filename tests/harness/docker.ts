/**
 * The real Docker engine for tests, with the one busybox base image they all use. No image registry
 * is reachable here, so the image is made locally: `docker import` of a tarball holding Debian's
 * static busybox as /bin/busybox with every applet it lists linked beside it (`busybox --install -s`
 * semantics: sh, httpd, hostname, chmod, mkdir, …), `CMD ["sh"]` like the public busybox image.
 *
 *   const base = ensureBaseImage();           // idempotent: made once per engine; returns the tag
 *   tagBaseImageAsPublic();                   // stand-in for pulling the lessons' public busybox
 *   const engine = await forwardDockerSocket(socketPath);   // the engine "starts" for a server
 *   const docker = dockerHarness();
 *   const id = await docker.run(['-d', '-p', '8081:3000', tag]);   // tracked for cleanup
 *   await docker.cleanup();                   // removes containers and images it made
 *
 * Needs the `busybox-static` Debian package (installed by .ci/run) and a running engine.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The local base image. Lessons 01 and 02 name it in their stand-ins, so the name is fixed. */
export const baseImageTag = 'ecs-workbook-test/busybox-base:latest';
/** The base image the sample app's Dockerfile names by default, and lesson 01 runs. */
export const publicBusybox = 'public.ecr.aws/docker/library/busybox:1.36';

export async function docker(args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

function imageExists(name: string): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Makes the base image once per engine (a second call only asks the engine); returns its tag. */
export function ensureBaseImage(): string {
  if (imageExists(baseImageTag)) return baseImageTag;
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((path) => existsSync(path));
  if (!busybox) throw new Error('No static busybox found: apt-get install busybox-static (see .ci/run).');
  const root = mkdtempSync(join(tmpdir(), 'wb-rootfs-'));
  const tarball = `${root}.tar`;
  try {
    for (const dir of ['bin', 'etc', 'tmp']) mkdirSync(join(root, dir));
    chmodSync(join(root, 'tmp'), 0o1777);
    copyFileSync(busybox, join(root, 'bin', 'busybox'));
    chmodSync(join(root, 'bin', 'busybox'), 0o755);
    const applets = execFileSync(busybox, ['--list'], { encoding: 'utf8' }).split('\n').filter((name) => name && name !== 'busybox');
    for (const applet of applets) symlinkSync('busybox', join(root, 'bin', applet));
    execFileSync('tar', ['-C', root, '-cf', tarball, '.']);
    execFileSync('docker', ['import', '--change', 'CMD ["sh"]', '--change', 'ENV PATH=/bin', tarball, baseImageTag], { stdio: 'ignore' });
  } finally {
    rmSync(tarball, { force: true });
    rmSync(root, { recursive: true, force: true });
  }
  // Shared by every test and kept between runs; images built from it are the tests' to remove.
  return baseImageTag;
}

/**
 * Stand-in for `docker pull` of the public busybox image: the local one under the public name, so
 * `docker run`/`docker build` with the lessons' exact image name find it without a registry.
 */
export function tagBaseImageAsPublic(): void {
  execFileSync('docker', ['tag', ensureBaseImage(), publicBusybox]);
}

/**
 * "Starting Docker" as a learner would, for a server whose DOCKER_HOST is a socket nobody listens
 * on until now: listens at `path` and forwards each connection to the real engine.
 */
export function forwardDockerSocket(path: string): Promise<Server> {
  rmSync(path, { force: true });
  const server = createServer((client) => {
    const engine = connect('/var/run/docker.sock');
    client.pipe(engine).pipe(client);
    const close = () => { client.destroy(); engine.destroy(); };
    client.on('error', close);
    engine.on('error', close);
  });
  return new Promise((done) => server.listen(path, () => done(server)));
}

/** Containers and images one test file makes, removed by cleanup(). */
export function dockerHarness() {
  const containers = new Set<string>();
  const images = new Set<string>();
  return {
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
