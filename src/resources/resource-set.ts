/**
 * The learner's latest set of resources, folded from each Check's report as it comes: a report
 * speaks for the types it names in their regions, under the parent it names (it looked for them:
 * the tasks of one service, the addresses of one load balancer), so it replaces what earlier
 * reports said of those and leaves the rest alone. A report with nothing in it (a Check
 * that could not look) changes nothing. Each resource keeps since when it was first seen, for the
 * cost so far.
 */
import type { SeenResource } from '../cost/hourly-cost.ts';
import type { FoundResource } from './resource-schema.ts';

const key = (resource: Pick<FoundResource, 'type' | 'region' | 'id'>) => `${resource.type} ${resource.region} ${resource.id}`;

export function mergeFound(current: readonly SeenResource[], report: readonly FoundResource[], at: string): SeenResource[] {
  if (report.length === 0) return [...current];
  const scope = (resource: FoundResource) => `${resource.type} ${resource.region} ${resource.parent ?? ''}`;
  const covered = new Set(report.map(scope));
  const before = new Map(current.map((resource) => [key(resource), resource]));
  const kept = current.filter((resource) => !covered.has(scope(resource)));
  const fresh = new Map<string, SeenResource>();
  for (const resource of report) {
    const earlier = before.get(key(resource));
    // A resource keeps its first sighting while it stays; one that was missing starts again now.
    const stillThere = earlier && earlier.presence !== 'missing' && resource.presence !== 'missing';
    const created = resource.createdAt && resource.createdAt < at ? resource.createdAt : undefined;
    const since = stillThere ? earlier.since : (created ?? at);
    fresh.set(key(resource), { ...resource, since });
  }
  return [...kept, ...fresh.values()];
}
