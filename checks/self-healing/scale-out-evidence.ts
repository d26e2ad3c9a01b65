/**
 * Whether the service ran three tasks at once, and was steady with them, since the lesson began:
 * the lesson asks to check while three run and then to scale back to 2, and a learner who scales
 * back first (or checks late) still did the step. The evidence stays in ECS for about an hour:
 * the service's stopped tasks (with start and stop times) and its events ("has reached a steady
 * state" only once running == desired and the targets are healthy).
 */
import type { TaskView } from '../standalone-task/ecs-tasks.ts';

export interface ScaleOutEvidence {
  /** The first moment three tasks ran together, and when that ended (a task stopped). */
  from: string;
  until: string;
  /** The steady-state event inside that window. */
  steadyAt: string;
}

type Event = { createdAt?: string; message?: string };

export function earlierScaleOut(tasks: readonly TaskView[], events: readonly Event[], observedAt: string, lessonStartedAt?: string): ScaleOutEvidence | undefined {
  // Each task counts from its start until it began stopping (or now, while it runs).
  const spans = tasks.filter((task) => task.startedAt).map((task) => ({ start: task.startedAt!, end: task.stoppingAt ?? task.stoppedAt ?? observedAt }));
  const edges = spans.flatMap((span) => [{ at: span.start, delta: 1 }, { at: span.end, delta: -1 }])
    .sort((a, b) => a.at.localeCompare(b.at) || a.delta - b.delta);
  const steady = events.filter((event) => /has reached a steady state/.test(event.message ?? '') && event.createdAt).map((event) => event.createdAt!);
  let running = 0;
  for (let index = 0; index < edges.length; index++) {
    const edge = edges[index]!;
    running += edge.delta;
    if (running < 3 || edge.delta < 0) continue;
    // Three or more run from here until the count drops below three.
    let count = running;
    let until = observedAt;
    for (const later of edges.slice(index + 1)) {
      count += later.delta;
      if (count < 3) { until = later.at; break; }
    }
    const from = lessonStartedAt && lessonStartedAt > edge.at ? lessonStartedAt : edge.at;
    if (from >= until) continue;
    const steadyAt = steady.find((at) => at >= from && at <= until);
    if (steadyAt) return { from, until, steadyAt };
  }
  return undefined;
}
