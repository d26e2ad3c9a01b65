/**
 * How one learner sandbox container is made: its names and labels, its limits, and the least
 * privilege under which the learner's own Docker engine still runs inside it.
 *
 * Names carry opaque ids only (display names live in the store): `ecsw-<workshop>-warm-<sandbox>`
 * for a warm one nobody has yet, `ecsw-<workshop>-l-<learner>` once a learner has it. Claiming is
 * renaming, which the engine does atomically: of two servers renaming the same warm container, one
 * gets a conflict and takes another. So the name is the record of who owns a sandbox, and a
 * restarted server re-adopts sandboxes from the names and labels alone.
 */
import { createHash, randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { z } from 'zod';
import { workshopLabel } from './workshop-network.ts';

export const sandboxLabel = 'ecs-workbook.sandbox';
export const poolLabel = 'ecs-workbook.pool';
export const learnerLabel = 'ecs-workbook.learner';

export const opaqueIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'an opaque id: lowercase letters, digits and dashes, at most 40')
  .describe('A server-made id (workshop or learner) that may appear in Docker object names and labels; never a display name.');

export const sandboxLimitsSchema = z
  .object({
    memoryMiB: z.number().int().min(128).describe('Memory for everything in the sandbox, its own containers included; no swap beyond it.'),
    cpus: z.number().positive().describe('CPU time, in cores.'),
    pids: z.number().int().min(64).describe('Processes and threads at once, its own containers included (a fork bomb stops here).'),
  })
  .describe('What one learner sandbox may use of the host.');
export type SandboxLimits = z.infer<typeof sandboxLimitsSchema>;

export const defaultLimits: SandboxLimits = { memoryMiB: 1536, cpus: 1, pids: 1024 };

export function warmName(workshop: string, sandbox: string): string {
  return `ecsw-${workshop}-warm-${sandbox}`;
}

export function learnerName(workshop: string, learner: string): string {
  return `ecsw-${workshop}-l-${learner}`;
}

export function volumeName(workshop: string, sandbox: string): string {
  return `ecsw-${workshop}-docker-${sandbox}`;
}

/** The learner a container belongs to, read from its name (undefined for a warm one). */
export function learnerOf(workshop: string, containerName: string): string | undefined {
  const prefix = `ecsw-${workshop}-l-`;
  const name = containerName.replace(/^\//, '');
  return name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
}

/** Only sandboxes of the same image and limits are interchangeable in the warm pool. */
export function poolKey(image: string, limits: SandboxLimits, runtime: string): string {
  return createHash('sha256').update(JSON.stringify({ image, limits, runtime })).digest('hex').slice(0, 16);
}

export function newSandboxId(): string {
  return randomBytes(5).toString('hex');
}

/**
 * The capabilities the inner engine needs, and no more: Docker's defaults, plus SYS_ADMIN (mounts
 * and namespaces for its containers), NET_ADMIN (their bridge and NAT), and DAC_READ_SEARCH. Never
 * SYS_RESOURCE (absent from these hosts' bounding set, which is why --privileged cannot work here),
 * SYS_MODULE, SYS_TIME, SYS_BOOT, SYS_RAWIO or the audit and MAC administration capabilities.
 */
export const innerEngineCapabilities = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'NET_BIND_SERVICE', 'NET_RAW', 'SYS_CHROOT', 'MKNOD', 'AUDIT_WRITE', 'SETFCAP', 'SYS_ADMIN', 'NET_ADMIN', 'DAC_READ_SEARCH'];

export interface ContainerPlan {
  workshop: string;
  sandbox: string;
  name: string;
  learner?: string;
  image: string;
  network: string;
  limits: SandboxLimits;
  /** `sysbox-runc` runs the inner engine without any added capability; runc needs the list above. */
  runtime: 'runc' | 'sysbox-runc';
  pool: string;
}

export function containerOptions(plan: ContainerPlan): Docker.ContainerCreateOptions {
  const memory = plan.limits.memoryMiB * 1024 * 1024;
  const common: Docker.HostConfig = {
    Memory: memory,
    MemorySwap: memory,
    NanoCpus: Math.round(plan.limits.cpus * 1e9),
    PidsLimit: plan.limits.pids,
    NetworkMode: plan.network,
    // The learner's images and containers: on a volume, since overlayfs cannot sit on overlayfs.
    Mounts: [{ Type: 'volume', Source: volumeName(plan.workshop, plan.sandbox), Target: '/var/lib/docker' }],
    LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } },
    RestartPolicy: { Name: 'no' },
  };
  const isolation: Docker.HostConfig =
    plan.runtime === 'sysbox-runc'
      ? { Runtime: 'sysbox-runc' }
      : {
          CapDrop: ['ALL'],
          CapAdd: innerEngineCapabilities,
          // The inner engine makes namespaces, mounts and cgroups for its containers, which the
          // default seccomp and AppArmor profiles and the masked /proc and /sys paths forbid.
          // (The CLI's systempaths=unconfined is, in the API, empty masked and read-only path lists.)
          SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
          MaskedPaths: [],
          ReadonlyPaths: [],
          CgroupnsMode: 'host',
          Binds: ['/sys/fs/cgroup:/sys/fs/cgroup:rw'],
        } as Docker.HostConfig;
  return {
    name: plan.name,
    Image: plan.image,
    Hostname: 'sandbox',
    Labels: {
      [workshopLabel]: plan.workshop,
      [sandboxLabel]: plan.sandbox,
      [poolLabel]: plan.pool,
      ...(plan.learner && { [learnerLabel]: plan.learner }),
    },
    HostConfig: { ...common, ...isolation },
  };
}
