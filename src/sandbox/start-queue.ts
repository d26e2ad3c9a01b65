/**
 * At most N sandbox starts at once; the rest wait in line. When a whole room clicks Join together,
 * a first-come queue keeps the engine responsive and lets each learner see how many are ahead of
 * them ("Starting your sandbox: 3 ahead of you") instead of a time-out.
 */
export interface StartQueue {
  /** Runs `start` once a slot is free; `onPosition` hears how many wait ahead (0 = starting now). */
  run<T>(key: string, start: () => Promise<T>, onPosition?: (ahead: number) => void): Promise<T>;
  /** How many starts wait ahead of this key's, or undefined when it is not waiting. */
  position(key: string): number | undefined;
}

export function createStartQueue(limit: number): StartQueue {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`The limit on concurrent starts must be a whole number of 1 or more, not ${limit}.`);
  let running = 0;
  const waiting: Array<{ key: string; go: () => void; onPosition?: (ahead: number) => void }> = [];

  const tell = () => waiting.forEach((entry, index) => entry.onPosition?.(index + 1));
  const next = () => {
    while (running < limit && waiting.length > 0) {
      const entry = waiting.shift()!;
      running++;
      entry.onPosition?.(0);
      entry.go();
    }
    tell();
  };

  return {
    async run(key, start, onPosition) {
      if (running >= limit) {
        await new Promise<void>((go) => {
          waiting.push({ key, go, onPosition });
          onPosition?.(waiting.length);
        });
      } else {
        running++;
        onPosition?.(0);
      }
      try {
        return await start();
      } finally {
        running--;
        next();
      }
    },
    position(key) {
      const index = waiting.findIndex((entry) => entry.key === key);
      return index < 0 ? undefined : index + 1;
    },
  };
}
