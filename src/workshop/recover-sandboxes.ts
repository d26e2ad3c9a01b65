/**
 * After the server restarts (a crash, kill -9, a reboot of the process), the workshop's sandboxes
 * are still on the engine, named by their learners' opaque ids. The new server adopts those of
 * learners its store knows (their files, history and images are all there, paused or running), and
 * sweeps away everything else labelled for the workshop: sandboxes of learners the store does not
 * know (a join whose row was never written), warm ones of an outdated image, and stray volumes.
 */
import type { DockerSandboxProvider } from '../sandbox/docker-provider.ts';
import type { SandboxStatus } from '../sandbox/sandbox-provider.ts';
import type { IdlePause } from './idle-pause.ts';

export interface Recovery {
  adopted: SandboxStatus[];
  /** Names of the containers and volumes removed. */
  removed: string[];
}

export async function recoverSandboxes(provider: Pick<DockerSandboxProvider, 'adopt' | 'sweep'>, known: ReadonlySet<string>, idle?: Pick<IdlePause, 'adopted'>): Promise<Recovery> {
  const removed = await provider.sweep(known);
  const adopted = (await provider.adopt()).filter((status) => known.has(status.learner));
  // A running sandbox nobody comes back to is paused after the idle time, as if just used.
  for (const status of adopted) idle?.adopted(status.learner, status.phase === 'ready');
  return { adopted, removed };
}
