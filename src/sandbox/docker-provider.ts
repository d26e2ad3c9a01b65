/**
 * Workshop mode's sandboxes on a Docker engine: one container per learner, each with a Docker
 * engine of its own, on a per-workshop network where sandboxes reach the internet but not each
 * other, the host or the cloud metadata address (workshop-network.ts). Never the host's socket.
 *
 * Lifecycle, keyed by the learner's opaque id like the SandboxProvider methods:
 * - warm(n) keeps n started sandboxes that nobody has (a list in memory, adopted at start); a
 *   learner's first shell claims one by an atomic rename, or creates one when the pool is empty;
 * - starts run through a queue with a limit, and a waiting learner hears their position;
 * - pause stops the container and keeps its disk (files, history, the learner's images), resume
 *   starts it again; reset replaces it; destroy removes it with its volume;
 * - after a restart, a new provider finds every sandbox by its labels and name (adopt), and sweep
 *   removes those of learners the store does not know; shutdown removes everything.
 */
import Docker from 'dockerode';
import { createStartQueue, type StartQueue } from './start-queue.ts';
import { openExecShell, runExec } from './docker-exec.ts';
import {
  containerOptions,
  defaultLimits,
  learnerName,
  learnerOf,
  newSandboxId,
  opaqueIdSchema,
  poolKey,
  poolLabel,
  sandboxLabel,
  sandboxLimitsSchema,
  volumeName,
  warmName,
  type SandboxLimits,
} from './sandbox-container.ts';
import type { ExecOptions, ExecResult, SandboxProvider, SandboxStatus } from './sandbox-provider.ts';
import type { ShellProcess, ShellSize } from './shell-process.ts';
import { ensureWorkshopNetwork, networkName, removeWorkshopNetwork, workshopLabel } from './workshop-network.ts';

export interface DockerSandboxOptions {
  /** The workshop's opaque id: in every name and label, so sweep and shutdown find what it made. */
  workshop: string;
  /** The sandbox image (sandbox/image/build-image.ts). */
  image: string;
  docker?: Docker;
  limits?: Partial<SandboxLimits>;
  /** Sandboxes started at once; more wait in line. */
  maxConcurrentStarts?: number;
  /** Hears a waiting learner's place in line (0 once their sandbox is starting). */
  onQueue?: (learner: string, ahead: number) => void;
  /** Defaults to sysbox when the engine has it: a real engine inside with no added capabilities. */
  runtime?: 'runc' | 'sysbox-runc';
}

export interface DockerSandboxProvider extends SandboxProvider {
  readonly kind: 'docker';
  readonly workshop: string;
  /** Starts sandboxes until `count` warm ones wait for learners. */
  warm(count: number): Promise<void>;
  /** Gives the learner a running sandbox: theirs (resumed if paused), a warm one, or a new one. */
  claim(learner: string): Promise<SandboxStatus>;
  pause(learner: string): Promise<void>;
  resume(learner: string): Promise<void>;
  /** Replaces the learner's sandbox with a fresh one (their files and images are gone). */
  reset(learner: string): Promise<SandboxStatus>;
  destroy(learner: string): Promise<void>;
  /** Every sandbox of this workshop the engine has, found from names and labels (after a restart). */
  adopt(): Promise<SandboxStatus[]>;
  /** Removes sandboxes of learners not in `known`, warm ones of an outdated image, and stray volumes; returns the names removed. */
  sweep(known: ReadonlySet<string>): Promise<string[]>;
  /** Removes every container, volume, network and firewall rule of this workshop. */
  shutdown(): Promise<void>;
  /** How many starts wait ahead of this learner's, or undefined when theirs is not waiting. */
  queuePosition(learner: string): number | undefined;
  /** The sandbox's address on the workshop network, when it runs. */
  address(learner: string): Promise<string | undefined>;
  /** Waits until the learner's own Docker engine answers inside the sandbox. */
  engineReady(learner: string, timeoutMs?: number): Promise<void>;
}

/** The shell, with what it prints before anyone listens (its prompt) kept for the first listener. */
function heldUntilRead(shell: ShellProcess): ShellProcess {
  const listeners: Array<(chunk: Uint8Array) => void> = [];
  let held: Uint8Array[] | undefined = [];
  shell.onData((chunk) => {
    if (held) held.push(chunk.slice());
    else for (const listener of listeners) listener(chunk);
  });
  return {
    ...shell,
    onData(listener) {
      listeners.push(listener);
      const early = held ?? [];
      held = undefined;
      for (const chunk of early) listener(chunk);
    },
  };
}

const notFound = (error: unknown) => (error as { statusCode?: number }).statusCode === 404;

export async function createDockerSandboxProvider(options: DockerSandboxOptions): Promise<DockerSandboxProvider> {
  const workshop = opaqueIdSchema.parse(options.workshop);
  const docker = options.docker ?? new Docker();
  const limits = sandboxLimitsSchema.parse({ ...defaultLimits, ...options.limits });
  const info = await docker.info().catch((error: Error) => {
    throw new Error(`The Docker engine does not answer (${error.message}). Start it (for example: sudo systemctl start docker) and try again.`);
  });
  const runtime = options.runtime ?? ((info as { Runtimes?: Record<string, unknown> }).Runtimes?.['sysbox-runc'] ? 'sysbox-runc' : 'runc');
  const pool = poolKey(options.image, limits, runtime);
  const queue: StartQueue = createStartQueue(options.maxConcurrentStarts ?? 4);
  const inFlight = new Map<string, Promise<Docker.Container>>();
  let network: Promise<string> | undefined;
  const ensureNetwork = () => (network ??= ensureWorkshopNetwork(docker, workshop).catch((error) => {
    network = undefined;
    throw error;
  }));

  const learnerId = (learner: string) => opaqueIdSchema.parse(learner);

  async function inspect(name: string): Promise<Docker.ContainerInspectInfo | undefined> {
    return docker.getContainer(name).inspect().catch((error) => {
      if (notFound(error)) return undefined;
      throw error;
    });
  }

  /** Creates and starts one sandbox under `name`; removes what it made if any part fails. */
  async function createSandbox(name: string, sandbox: string, learner?: string): Promise<Docker.Container> {
    const net = await ensureNetwork();
    await docker.createVolume({ Name: volumeName(workshop, sandbox), Labels: { [workshopLabel]: workshop, [sandboxLabel]: sandbox } });
    let container: Docker.Container | undefined;
    try {
      container = await docker.createContainer(containerOptions({ workshop, sandbox, name, learner, image: options.image, network: net, limits, runtime, pool }));
      await container.start();
      return container;
    } catch (error) {
      // A half-made sandbox would block its name (409 on the next try) and leak its volume.
      if (container) await container.remove({ force: true }).catch(() => undefined);
      await docker.getVolume(volumeName(workshop, sandbox)).remove().catch(() => undefined);
      throw new Error(`Your sandbox could not start: ${(error as Error).message}`);
    }
  }

  /**
   * The warm pool, in memory: the names of started sandboxes nobody has, adopted from the engine
   * once here and then kept by warm() and claims. A claim takes a name off the list (at once, so
   * two claims in this process never get the same one) and renames the container to the
   * learner's name: the rename is the atomic step, so should another process have taken it, the
   * engine answers 404 or 409 and the next name is tried. Listing every container per claim, one
   * claim at a time, held a room of 30 joining at once in line behind 30 lists.
   */
  const warmPool: string[] = (await docker.listContainers({ filters: { label: [`${workshopLabel}=${workshop}`, `${poolLabel}=${pool}`], status: ['running'] } }))
    .map((container) => container.Names.find((name) => name.startsWith(`/ecsw-${workshop}-warm-`))?.slice(1))
    .filter((name): name is string => name !== undefined);
  let warmStarting = 0;
  /**
   * A shell opened in each warm sandbox before anyone claims it, by container id (names change),
   * then handed to the learner's first shell. Starting an exec's process is the engine's slowest
   * step in a join (runc spawning it into the container): on a busy host it took 1 to 7 s to the
   * prompt, against half a second for the claim itself.
   */
  const warmShells = new Map<string, Promise<ShellProcess | undefined>>();
  /** Shells of claimed warm sandboxes that no terminal has taken yet, by learner. */
  const claimedShells = new Map<string, Promise<ShellProcess | undefined>>();

  function openWarmShell(name: string, container: Docker.Container) {
    const shell = openExecShell(container, { cols: 80, rows: 24 }).then(heldUntilRead, () => undefined);
    warmShells.set(name, shell);
    // A shell that ends before anyone takes it (its sandbox stopped) is not handed out.
    void shell.then((opened) => opened?.onExit(() => {
      if (warmShells.get(name) === shell) warmShells.delete(name);
      for (const [learner, held] of claimedShells) if (held === shell) claimedShells.delete(learner);
    }));
  }

  async function claimWarm(learner: string): Promise<Docker.Container | undefined> {
    for (let name = warmPool.shift(); name !== undefined; name = warmPool.shift()) {
      const shell = warmShells.get(name);
      warmShells.delete(name);
      try {
        await docker.getContainer(name).rename({ name: learnerName(workshop, learner) });
        if (shell) claimedShells.set(learner, shell);
        return docker.getContainer(learnerName(workshop, learner));
      } catch {
        // Gone (removed by hand, or claimed by another server on this workshop): try the next.
        void shell?.then((opened) => opened?.kill());
      }
    }
    return undefined;
  }

  /** The shell claimed with the learner's warm sandbox, once, if it is still there. */
  async function takeClaimedShell(learner: string): Promise<ShellProcess | undefined> {
    const held = claimedShells.get(learner);
    claimedShells.delete(learner);
    return held;
  }

  async function dropClaimedShell(learner: string) {
    const held = await takeClaimedShell(learner);
    await held?.kill();
  }

  async function ready(learner: string): Promise<Docker.Container> {
    const name = learnerName(workshop, learnerId(learner));
    const pending = inFlight.get(learner);
    if (pending) return pending;
    const work = (async () => {
      const state = await inspect(name);
      const container = docker.getContainer(name);
      if (state?.State.Running) return container;
      if (state) {
        await queue.run(learner, () => container.start(), (ahead) => options.onQueue?.(learner, ahead));
        return container;
      }
      const claimed = await claimWarm(learner);
      if (claimed) return claimed;
      return queue.run(learner, () => createSandbox(name, newSandboxId(), learner), (ahead) => options.onQueue?.(learner, ahead));
    })();
    inFlight.set(learner, work);
    try {
      return await work;
    } finally {
      inFlight.delete(learner);
    }
  }

  function statusOf(learner: string, state: Docker.ContainerInspectInfo | undefined): SandboxStatus {
    if (!state) return { learner, phase: inFlight.has(learner) ? 'starting' : 'gone' };
    if (state.State.Running) return { learner, phase: 'ready' };
    if (state.State.OOMKilled) return { learner, phase: 'failed', reason: 'Your sandbox ran out of memory and stopped. Reset it to start a fresh one.' };
    if (state.State.Status === 'created' || state.State.Restarting) return { learner, phase: 'starting' };
    if (state.State.Status === 'removing') return { learner, phase: 'stopping' };
    if (state.State.Status === 'dead') return { learner, phase: 'failed', reason: 'Your sandbox stopped working. Reset it to start a fresh one.' };
    // A pause (or the host's engine stopping) ends the init cleanly, with 0; anything else killed it.
    if (state.State.ExitCode !== 0) return { learner, phase: 'failed', reason: `Your sandbox stopped unexpectedly (exit code ${state.State.ExitCode}). Open the terminal to start it again with your files, or reset it to start a fresh one.` };
    return { learner, phase: 'paused' };
  }

  async function removeSandbox(containerId: string): Promise<void> {
    const container = docker.getContainer(containerId);
    const state = await container.inspect().catch(() => undefined);
    await container.remove({ force: true }).catch((error) => {
      if (!notFound(error)) throw error;
    });
    const sandbox = state?.Config.Labels?.[sandboxLabel];
    if (sandbox) await docker.getVolume(volumeName(workshop, sandbox)).remove({ force: true }).catch(() => undefined);
  }

  async function listOwn(): Promise<Docker.ContainerInfo[]> {
    return docker.listContainers({ all: true, filters: { label: [`${workshopLabel}=${workshop}`] } });
  }

  const provider: DockerSandboxProvider = {
    kind: 'docker',
    workshop,

    async status(learner) {
      return statusOf(learner, await inspect(learnerName(workshop, learnerId(learner))));
    },

    async openShell(learner: string, size: ShellSize): Promise<ShellProcess> {
      const container = await ready(learner);
      const held = await takeClaimedShell(learner);
      if (held) {
        held.resize(size.cols, size.rows);
        return held;
      }
      return openExecShell(container, size);
    },

    async exec(learner: string, argv: readonly string[], execOptions: ExecOptions): Promise<ExecResult> {
      return runExec(await ready(learner), docker, argv, execOptions);
    },

    async warm(count) {
      const starts: Promise<unknown>[] = [];
      for (let i = warmPool.length + warmStarting; i < count; i++) {
        const sandbox = newSandboxId();
        warmStarting++;
        const name = warmName(workshop, sandbox);
        const start = queue.run(`warm-${sandbox}`, () => createSandbox(name, sandbox));
        starts.push(start.then((container) => {
          openWarmShell(name, docker.getContainer(container.id));
          warmPool.push(name);
        }).finally(() => warmStarting--));
      }
      await Promise.all(starts);
    },

    async claim(learner) {
      await ready(learner);
      return provider.status(learner);
    },

    async pause(learner) {
      await dropClaimedShell(learner);
      // The time the sandbox's engine takes to stop the learner's containers (10 s each, in parallel).
      await docker.getContainer(learnerName(workshop, learnerId(learner))).stop({ t: 20 }).catch((error) => {
        // 304: already stopped.
        if ((error as { statusCode?: number }).statusCode !== 304) throw error;
      });
    },

    async resume(learner) {
      await ready(learner);
    },

    async reset(learner) {
      await provider.destroy(learner);
      return provider.claim(learner);
    },

    async destroy(learner) {
      await dropClaimedShell(learner);
      await removeSandbox(learnerName(workshop, learnerId(learner)));
    },

    async adopt() {
      const statuses: SandboxStatus[] = [];
      for (const container of await listOwn()) {
        const learner = container.Names.map((name) => learnerOf(workshop, name)).find(Boolean);
        if (learner) statuses.push(statusOf(learner, await inspect(container.Id)));
      }
      return statuses;
    },

    async sweep(known) {
      const removed: string[] = [];
      const own = await listOwn();
      const kept = new Set<string>();
      for (const container of own) {
        const name = container.Names[0]?.replace(/^\//, '') ?? container.Id;
        const learner = learnerOf(workshop, name);
        const isWarm = name.startsWith(`ecsw-${workshop}-warm-`);
        const keep = learner ? known.has(learner) : isWarm && container.Labels[poolLabel] === pool && container.State === 'running';
        if (keep) {
          kept.add(container.Labels[sandboxLabel] ?? '');
        } else {
          await removeSandbox(container.Id);
          removed.push(name);
        }
      }
      // Volumes whose container is gone (a crash between creating the two).
      const { Volumes } = await docker.listVolumes({ filters: { label: [`${workshopLabel}=${workshop}`] } });
      for (const volume of Volumes ?? []) {
        if (kept.has(volume.Labels?.[sandboxLabel] ?? '')) continue;
        await docker.getVolume(volume.Name).remove({ force: true }).catch(() => undefined);
        removed.push(volume.Name);
      }
      for (const name of removed) warmShells.delete(name);
      const stillWarm = warmPool.filter((name) => !removed.includes(name));
      warmPool.splice(0, warmPool.length, ...stillWarm);
      return removed;
    },

    async shutdown() {
      await provider.sweep(new Set());
      await removeWorkshopNetwork(docker, workshop);
      network = undefined;
    },

    queuePosition: (learner) => queue.position(learner),

    async address(learner) {
      const state = await inspect(learnerName(workshop, learnerId(learner)));
      const address = state?.NetworkSettings.Networks[networkName(workshop)]?.IPAddress;
      return address || undefined;
    },

    async engineReady(learner, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = await provider.exec(learner, ['docker', 'info', '--format', '{{.ServerVersion}}'], { timeoutMs: 5000 });
        if (result.exitCode === 0) return;
        if (Date.now() > deadline) throw new Error(`The Docker engine in the sandbox did not start: ${result.stderr.trim().split('\n').pop()}`);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    },
  };
  return provider;
}
