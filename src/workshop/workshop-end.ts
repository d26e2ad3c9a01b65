/**
 * The end of a workshop (`workshop stop`, or its time limit): every sandbox, its volume, the
 * workshop's network and its firewall rules are removed, found by the workshop's label, whatever
 * this process remembers (a crashed server's leftovers too). Learners' open terminals are told the
 * workshop has ended first. Progress stays in the SQLite file: nothing here touches the store.
 */
import type Docker from 'dockerode';
import { removeWorkshopNetwork, workshopLabel } from '../sandbox/workshop-network.ts';

/** Removes everything labelled for `workshop`; returns the names of what it removed. */
export async function sweepWorkshop(docker: Docker, workshop: string): Promise<string[]> {
  const removed: string[] = [];
  const filter = { label: [`${workshopLabel}=${workshop}`] };
  for (const container of await docker.listContainers({ all: true, filters: filter })) {
    await docker.getContainer(container.Id).remove({ force: true, v: true }).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
    removed.push(container.Names[0]?.replace(/^\//, '') ?? container.Id);
  }
  const { Volumes } = await docker.listVolumes({ filters: filter });
  for (const volume of Volumes ?? []) {
    await docker.getVolume(volume.Name).remove({ force: true }).catch(() => undefined);
    removed.push(volume.Name);
  }
  const networks = await docker.listNetworks({ filters: filter });
  await removeWorkshopNetwork(docker, workshop);
  removed.push(...networks.map((network) => network.Name));
  return removed;
}

export interface WorkshopEnd {
  /** Ends the workshop once (later calls get the same outcome). */
  end(why: 'stop' | 'time-limit'): Promise<{ removed: string[] }>;
}

export interface WorkshopEndOptions {
  docker: Docker;
  workshop: string;
  /** Before removal: stop pausing, tell open terminals (idle timers, shells). */
  beforeEnd(): Promise<void>;
  /** After removal: close the server. */
  afterEnd?(why: 'stop' | 'time-limit', removed: string[]): void | Promise<void>;
}

/** The end itself; when the time limit calls it is learner-time.ts's business (learners may have more time). */
export function createWorkshopEnd(options: WorkshopEndOptions): WorkshopEnd {
  let ending: Promise<{ removed: string[] }> | undefined;
  return {
    end: (why) =>
      (ending ??= (async () => {
        await options.beforeEnd().catch((error: Error) => console.error(`Ending the workshop's shells failed: ${error.message}`));
        const removed = await sweepWorkshop(options.docker, options.workshop);
        await options.afterEnd?.(why, removed);
        return { removed };
      })()),
  };
}
