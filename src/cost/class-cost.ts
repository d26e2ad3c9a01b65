/**
 * The workshop's view of cost: the class total per hour and so far, and who still has billable
 * resources running (the instructor's room asks this at the end of a session).
 */
import { costSoFar, type SeenResource } from './hourly-cost.ts';
import { usdToJpy } from '../i18n/exchange-rate.ts';

export interface LearnerResources {
  learner: string;
  resources: readonly SeenResource[];
}

export interface LearnerCost {
  learner: string;
  usdPerHour: number;
  usdSoFar: number;
  /** How many billable resources are still running. */
  billable: number;
  runningSince?: string;
}

export interface ClassCost {
  usdPerHour: number;
  jpyPerHour: number;
  usdSoFar: number;
  jpySoFar: number;
  /** Learners with billable resources still running, the most expensive first. */
  stillRunning: LearnerCost[];
}

export function classCost(learners: readonly LearnerResources[], now: Date): ClassCost {
  const each = learners.map(({ learner, resources }): LearnerCost => {
    const cost = costSoFar(resources, now);
    return { learner, usdPerHour: cost.usdPerHour, usdSoFar: cost.usdSoFar, billable: cost.lines.length, ...(cost.runningSince && { runningSince: cost.runningSince }) };
  });
  const usdPerHour = Math.round(each.reduce((sum, entry) => sum + entry.usdPerHour, 0) * 1e9) / 1e9;
  const usdSoFar = Math.round(each.reduce((sum, entry) => sum + entry.usdSoFar, 0) * 10_000) / 10_000;
  return {
    usdPerHour,
    jpyPerHour: usdToJpy(usdPerHour),
    usdSoFar,
    jpySoFar: usdToJpy(usdSoFar),
    stillRunning: each.filter((entry) => entry.billable > 0).sort((a, b) => b.usdPerHour - a.usdPerHour || a.learner.localeCompare(b.learner)),
  };
}
