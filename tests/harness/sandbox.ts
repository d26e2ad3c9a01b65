/**
 * Learner sandboxes on the real Docker engine for tests: the one sandbox image every test file
 * shares (built once per machine, then found by the hash of its inputs; test files running in
 * parallel wait for the same build), and a provider for a workshop of the test's own, removed
 * with everything it made when the test file ends.
 *
 *   const sandboxes = await workshopForTest('iso');       // a workshop id unique to this run
 *   const shell = await sandboxes.provider.openShell('lrn-a', { cols: 80, rows: 24 });
 *   const reader = readShell(shell); shell.write(enc('echo hi\n')); await reader.waitFor(/hi/);
 *   await sandboxes.remove();                              // shutdown: containers, volumes, network
 */
import { randomBytes } from 'node:crypto';
import { ensureSandboxImage } from '../../sandbox/image/build-image.ts';
import { createDockerSandboxProvider, type DockerSandboxOptions, type DockerSandboxProvider } from '../../src/sandbox/docker-provider.ts';
import type { ShellProcess } from '../../src/sandbox/shell-process.ts';
import { baseImageTag } from './docker.ts';

let image: Promise<string> | undefined;

/**
 * The first build on a machine debootstraps Debian (measured here: about 7 minutes, more on a slow
 * mirror); every later run finds the image in well under a second.
 */
export const firstBuildTimeoutMs = 20 * 60 * 1000;

/** The sandbox image's tag; builds it the first time on this machine (several minutes, cold). */
export function sandboxImage(): Promise<string> {
  image ??= ensureSandboxImage().then((built) => {
    if (built.built) console.log(`Built the sandbox image ${built.tag} in ${built.seconds.toFixed(1)} s`);
    return built.tag;
  });
  return image;
}

/** Small limits, so tests of the limits finish fast and several sandboxes fit the test machine. */
export const testLimits = { memoryMiB: 512, cpus: 0.5, pids: 256 };

export async function workshopForTest(name: string, options: Partial<DockerSandboxOptions> = {}) {
  const workshop = `t${name}-${randomBytes(3).toString('hex')}`;
  const provider: DockerSandboxProvider = await createDockerSandboxProvider({ workshop, image: await sandboxImage(), limits: testLimits, ...options });
  return { workshop, provider, remove: () => provider.shutdown() };
}

export const enc = (text: string) => new TextEncoder().encode(text);

/** Colours and window titles (Debian's bashrc colours the prompt on a 256-colour terminal). */
const escapes = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/** Collects a shell's output as the text a learner reads, and waits for what they would wait to see. */
export function readShell(shell: ShellProcess) {
  let raw = '';
  let text = '';
  const decoder = new TextDecoder();
  shell.onData((chunk) => {
    raw += decoder.decode(chunk, { stream: true });
    text = raw.replace(escapes, '');
  });
  return {
    get text() {
      return text;
    },
    /** Resolves with the output so far once it matches; rejects after `timeoutMs` showing what came. */
    async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern} in shell output:\n${text.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return text;
    },
  };
}

/**
 * Makes the tests' busybox base image inside a sandbox's own engine, from the image's busybox-static,
 * the way tests/harness/docker.ts makes it on the host: no registry is reachable from inside either.
 */
export async function importBusyboxInside(provider: DockerSandboxProvider, learner: string): Promise<void> {
  const script = [
    'set -e; root=$(mktemp -d); mkdir -p "$root/bin" "$root/etc" "$root/tmp"; chmod 1777 "$root/tmp"',
    'cp /bin/busybox "$root/bin/busybox"',
    'for applet in $(busybox --list); do [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"; done',
    `tar -C "$root" -c . | docker import --change 'CMD ["sh"]' --change 'ENV PATH=/bin' - ${baseImageTag} >/dev/null`,
    'rm -rf "$root"',
  ].join('\n');
  const made = await provider.exec(learner, ['bash', '-c', script], { timeoutMs: 60_000 });
  if (made.exitCode !== 0) throw new Error(`Making the busybox image in the sandbox failed: ${made.stderr}`);
}
