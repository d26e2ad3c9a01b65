/**
 * What `/api/resources` and the live events send about a learner's resources: the latest set, its
 * cost per hour and so far, and where the prices come from. The same pure functions the CLI uses.
 */
import { costSoFar, type CostSoFar, type SeenResource } from '../cost/hourly-cost.ts';
import { priceTable } from '../cost/prices.ts';
import type { LearnerResourceSet } from '../progress/progress-store.ts';

export interface ResourcesView {
  resources: SeenResource[];
  updatedAt: string | null;
  cost: CostSoFar;
  prices: { asOf: string; source: string };
}

export function resourcesView(set: LearnerResourceSet, now: Date): ResourcesView {
  return { resources: set.resources, updatedAt: set.updatedAt ?? null, cost: costSoFar(set.resources, now), prices: { asOf: priceTable.asOf, source: priceTable.source } };
}
