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
  /** Cancels the time limit (the server closes for another reason). */
  cancel(): void;
  /** Moves the time limit to this moment (a stored deadline, or one the instructor extended). */
  endAt(when: Date): void;
}

export interface WorkshopEndOptions {
  docker: Docker;
  workshop: string;
  /** The workshop ends by itself after this long. */
  timeLimitMs?: number;
  /** Before removal: stop pausing, tell open terminals (idle timers, shells). */
  beforeEnd(): Promise<void>;
  /** After removal: close the server. */
  afterEnd?(why: 'stop' | 'time-limit', removed: string[]): void | Promise<void>;
}

export function createWorkshopEnd(options: WorkshopEndOptions): WorkshopEnd {
  let ending: Promise<{ removed: string[] }> | undefined;
  const end = (why: 'stop' | 'time-limit') =>
    (ending ??= (async () => {
      clearTimeout(timer);
      await options.beforeEnd().catch((error: Error) => console.error(`Ending the workshop's shells failed: ${error.message}`));
      const removed = await sweepWorkshop(options.docker, options.workshop);
      await options.afterEnd?.(why, removed);
      return { removed };
    })());
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    // setTimeout holds at most 2^31-1 ms (24.8 days); a workshop's limit is at most 72 h.
    timer = setTimeout(() => void end('time-limit').catch((error: Error) => console.error(`The workshop's time limit was reached, but removing its sandboxes failed: ${error.message}. Run ecs-workbook workshop stop.`)), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    timer.unref();
  };
  if (options.timeLimitMs) arm(options.timeLimitMs);
  return {
    end,
    cancel: () => clearTimeout(timer),
    endAt(when) {
      if (!ending) arm(when.getTime() - Date.now());
    },
  };
}
