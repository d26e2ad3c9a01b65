/**
 * The room's stored deadlines (room_deadlines: the workshop's, and each learner the instructor gave
 * more time) drive when the lifecycle ends each learner and the workshop: at a start (a restarted
 * server keeps the time the class was given) and whenever the instructor moves one.
 */
import { armWorkshopDeadline, learnerOfScope, learnerScope, workshopScope, type RoomStore } from '../server/room/room-store.ts';
import type { SandboxLifecycle } from './sandbox-lifecycle.ts';

type Ends = Pick<SandboxLifecycle, 'endAt' | 'learnerEndsAt'>;

/** Arms the stored ends (the workshop's is stored now if it is the first start). */
export function armStoredDeadlines(lifecycle: Ends, store: Pick<RoomStore, 'deadline' | 'setDeadline'>, learners: Iterable<string>, timeLimitMs: number): void {
  // Learners' own ends first: with the workshop's end alone, a past one would end everyone at once.
  for (const learner of learners) {
    const own = store.deadline(learnerScope(learner));
    if (own) lifecycle.learnerEndsAt(learner, new Date(own));
  }
  lifecycle.endAt(new Date(armWorkshopDeadline(store, timeLimitMs)));
}

/** For the room tools' onDeadlineChanged: the instructor moved the workshop's end or one learner's. */
export function followDeadlineChanges(lifecycle: Ends) {
  return (scope: string, endsAt: string) => {
    const learner = learnerOfScope(scope);
    if (learner !== undefined) lifecycle.learnerEndsAt(learner, new Date(endsAt));
    else if (scope === workshopScope) lifecycle.endAt(new Date(endsAt));
  };
}
