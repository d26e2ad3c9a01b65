/**
 * Whose time is up, learner by learner. A workshop with a time limit ends at its deadline, but an
 * instructor may give one learner more time: that learner's own end is the later of the two. At
 * each learner's own end their shells are told and their sandbox is removed (what the workshop's end
 * does to everyone); the workshop itself ends, sandboxes swept and server closed, once the last
 * learner's time is up. Until then the server stays up for those who still have time.
 *
 * `planTime` is the pure part (what is due now, when to look again); `createLearnerTime` keeps the
 * deadlines and one timer, and calls back.
 */

export interface Deadlines {
  /** When the workshop's time ends (epoch ms); undefined: no time limit. */
  workshop?: number;
  /** Learners' own ends (epoch ms), set when the instructor extended one learner's time. */
  own: ReadonlyMap<string, number>;
}

/** When this learner's time ends: the workshop's end, or their own when it is later. */
export function learnerEndsAt(deadlines: Deadlines, learner: string): number | undefined {
  if (deadlines.workshop === undefined) return undefined;
  return Math.max(deadlines.workshop, deadlines.own.get(learner) ?? deadlines.workshop);
}

export interface TimePlan {
  /** Learners whose time is up now. */
  due: string[];
  /** Every learner's time is up: the workshop ends. */
  workshopOver: boolean;
  /** When something is due next (epoch ms), if anything is. */
  next?: number;
}

export function planTime(deadlines: Deadlines, learners: Iterable<string>, now: number): TimePlan {
  if (deadlines.workshop === undefined) return { due: [], workshopOver: false };
  const ids = [...learners];
  const ends = ids.map((learner) => learnerEndsAt(deadlines, learner)!);
  const last = Math.max(deadlines.workshop, ...ends);
  const upcoming = [deadlines.workshop, ...ends].filter((end) => end > now);
  return {
    due: ids.filter((_, index) => ends[index]! <= now),
    workshopOver: last <= now,
    ...(upcoming.length > 0 && { next: Math.min(...upcoming) }),
  };
}

export interface LearnerTimeOptions {
  /** Everyone who joined. */
  learners(): Iterable<string>;
  /** One learner's time is up (their shells told, their sandbox removed). Called once per end. */
  endLearner(learner: string): Promise<void>;
  /** Every learner's time is up: the workshop ends. */
  endWorkshop(): void;
  now?: () => number;
}

export interface LearnerTime {
  /** Sets or moves the workshop's end. */
  setWorkshopEnd(when: Date): void;
  /** Sets or moves one learner's own end. */
  setLearnerEnd(learner: string, when: Date): void;
  /** Whether this learner's time is up (nothing may start their sandbox again). */
  isUp(learner: string): boolean;
  stop(): void;
}

export function createLearnerTime(options: LearnerTimeOptions): LearnerTime {
  const now = options.now ?? Date.now;
  const deadlines: { workshop?: number; own: Map<string, number> } = { own: new Map() };
  // Learners already ended for their current deadline; an extension after it lets them back.
  const ended = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function look() {
    clearTimeout(timer);
    if (stopped) return;
    const plan = planTime(deadlines, options.learners(), now());
    for (const learner of ended) if (!plan.due.includes(learner)) ended.delete(learner);
    if (plan.workshopOver) {
      stopped = true;
      options.endWorkshop();
      return;
    }
    for (const learner of plan.due) {
      if (ended.has(learner)) continue;
      ended.add(learner);
      void options.endLearner(learner).catch((error: Error) => console.error(`The time of ${learner} ended, but removing their sandbox failed: ${error.message}`));
    }
    if (plan.next === undefined) return;
    // setTimeout holds at most 2^31-1 ms (24.8 days); looking again early is harmless.
    timer = setTimeout(look, Math.max(0, Math.min(plan.next - now(), 2 ** 31 - 1)));
    timer.unref();
  }

  return {
    setWorkshopEnd(when) {
      deadlines.workshop = when.getTime();
      look();
    },
    setLearnerEnd(learner, when) {
      deadlines.own.set(learner, when.getTime());
      look();
    },
    isUp(learner) {
      const end = learnerEndsAt(deadlines, learner);
      return end !== undefined && end <= now();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
