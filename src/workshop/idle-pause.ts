/**
 * A learner who is away costs the host nothing: after N minutes with no terminal input, no Check
 * and no visible page of theirs, their sandbox is paused (stopped with its disk: files, history,
 * their images). Anything of theirs coming back resumes it, so a sleeping laptop or a long break
 * never loses work; it only costs the few seconds of a start.
 *
 * The clock is per learner: `active(learner)` is called on each sign of them (the sandbox wrapper
 * calls it for input, shells and checks; the presence endpoint for a visible page). A sweep every
 * few seconds pauses those past the limit. Before the pause, `beforePause` ends their open shells
 * (with a hang-up, so bash writes its history), then the provider stops the container.
 */
export interface IdlePauseOptions {
  pause(learner: string): Promise<void>;
  /** No sign of a learner for this long pauses their sandbox. */
  idleMs: number;
  /** How often learners are looked at; default a quarter of idleMs, at most 30 s. */
  sweepEveryMs?: number;
  /** Ends the learner's open shells first, saying why; resolves once they are gone. */
  beforePause?(learner: string): Promise<void>;
  /** Hears each pause (logs, the instructor's room). */
  onPaused?(learner: string): void;
  now?: () => number;
}

export interface IdlePause {
  /** A sign of the learner: input, a shell opened, a Check, a visible page. */
  active(learner: string): void;
  /**
   * The learner is in the middle of something (a shell opening, a check running): never idle until
   * the returned release is called, which counts as activity too. A cold start under load can take
   * longer than a short idle time; it must not be paused half-started.
   */
  busy(learner: string): () => void;
  /** Resolves once a pause under way for this learner is done (their return must wait for it). */
  settled(learner: string): Promise<void>;
  isPaused(learner: string): boolean;
  /** A sandbox found after a restart: a running one's clock starts now, a stopped one counts as paused. */
  adopted(learner: string, running: boolean): void;
  /** Forgets a learner (their sandbox was destroyed). */
  forget(learner: string): void;
  stop(): void;
}

export function createIdlePause(options: IdlePauseOptions): IdlePause {
  if (!(options.idleMs > 0)) throw new Error(`The idle time must be above 0 ms, not ${options.idleMs}.`);
  const now = options.now ?? Date.now;
  const lastSeen = new Map<string, number>();
  const paused = new Set<string>();
  const pausing = new Map<string, Promise<void>>();
  const holds = new Map<string, number>();

  async function pauseNow(learner: string) {
    const seenBefore = lastSeen.get(learner);
    try {
      await options.beforePause?.(learner);
      await options.pause(learner);
      // A learner who came back during the pause has their sandbox started again by now.
      if (lastSeen.get(learner) === seenBefore) paused.add(learner);
      options.onPaused?.(learner);
    } catch (error) {
      // The sandbox is gone or the engine hiccuped: try again at the next sweep, never crash.
      console.error(`Pausing the sandbox of ${learner} failed: ${(error as Error).message}`);
      lastSeen.set(learner, now());
    }
  }

  const sweep = () => {
    const cutoff = now() - options.idleMs;
    for (const [learner, seen] of lastSeen) {
      if (seen > cutoff || paused.has(learner) || pausing.has(learner) || holds.has(learner)) continue;
      const work = pauseNow(learner).finally(() => pausing.delete(learner));
      pausing.set(learner, work);
    }
  };
  const timer = setInterval(sweep, options.sweepEveryMs ?? Math.min(30_000, Math.max(100, options.idleMs / 4)));
  timer.unref();

  return {
    active(learner) {
      lastSeen.set(learner, now());
      paused.delete(learner);
    },
    busy(learner) {
      lastSeen.set(learner, now());
      paused.delete(learner);
      holds.set(learner, (holds.get(learner) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (holds.get(learner) ?? 1) - 1;
        if (left > 0) holds.set(learner, left);
        else holds.delete(learner);
        lastSeen.set(learner, now());
      };
    },
    settled: (learner) => pausing.get(learner) ?? Promise.resolve(),
    isPaused: (learner) => paused.has(learner),
    adopted(learner, running) {
      if (running) lastSeen.set(learner, now());
      else paused.add(learner);
    },
    forget(learner) {
      lastSeen.delete(learner);
      paused.delete(learner);
    },
    stop: () => clearInterval(timer),
  };
}
