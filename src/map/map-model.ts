/**
 * The live map as data: which boxes a lesson (or the whole course) shows, grouped as the
 * architecture nests (your machine, the AWS region, the VPC), each lit by what the Checks found.
 * Pure: the page renders it on the server, and the browser again whenever a Check reports.
 */
import type { FoundResource, ResourceType } from '../resources/resource-schema.ts';

/** How a box is lit: never from colour alone (each state also has its own icon, words and border). */
export type BoxState = 'healthy' | 'exists' | 'missing' | 'unchecked';

export type GroupId = 'local' | 'region' | 'vpc';

export interface MapInstance {
  id: string;
  name: string;
  state: Exclude<BoxState, 'unchecked'>;
  awsState?: string;
  consoleUrl?: string;
}

export interface MapBox {
  type: ResourceType;
  group: GroupId;
  state: BoxState;
  /** The learner's name for it from their settings (before any Check has found it). */
  expectedName?: string;
  instances: MapInstance[];
}

export interface MapModel {
  region: string;
  groups: { id: GroupId; boxes: MapBox[] }[];
}

/** Where each kind sits on the map, in the order the course builds them. */
const layout: { type: ResourceType; group: GroupId; name?: (vars: Record<string, string>) => string | undefined }[] = [
  { type: 'dockerfile', group: 'local' },
  { type: 'local-image', group: 'local', name: (v) => v.repository && `${v.repository}:latest` },
  { type: 'container', group: 'local' },
  { type: 'ecr-repository', group: 'region', name: (v) => v.repository },
  { type: 'image', group: 'region', name: (v) => v.repository && `${v.repository}:latest` },
  { type: 'iam-role', group: 'region', name: (v) => v.executionRole },
  { type: 'cluster', group: 'region', name: (v) => v.cluster },
  { type: 'task-definition', group: 'region', name: (v) => v.taskFamily },
  { type: 'log-group', group: 'region', name: (v) => v.logGroup },
  { type: 'stack', group: 'region', name: (v) => v.cluster && `${v.cluster}-stack` },
  { type: 'vpc', group: 'vpc', name: (v) => v.vpcName },
  { type: 'internet-gateway', group: 'vpc', name: (v) => v.vpcName && `${v.vpcName}-igw` },
  { type: 'subnet', group: 'vpc' },
  { type: 'route-table', group: 'vpc' },
  { type: 'security-group', group: 'vpc', name: (v) => [v.albSecurityGroup, v.taskSecurityGroup].filter(Boolean).join(', ') || undefined },
  { type: 'nat-gateway', group: 'vpc' },
  { type: 'load-balancer', group: 'vpc', name: (v) => v.loadBalancer },
  { type: 'listener', group: 'vpc' },
  { type: 'target-group', group: 'vpc', name: (v) => v.targetGroup },
  { type: 'target', group: 'vpc' },
  { type: 'service', group: 'vpc', name: (v) => v.service },
  { type: 'task', group: 'vpc', name: (v) => v.taskFamily },
  { type: 'public-ipv4', group: 'vpc' },
];

/** The boxes each lesson's map shows (by lesson slug); the course map shows every box. */
export const lessonMapTypes: Record<string, ResourceType[]> = {
  containers: ['container'],
  dockerfile: ['dockerfile', 'local-image', 'container'],
  ecr: ['local-image', 'ecr-repository', 'image'],
  network: ['vpc', 'internet-gateway', 'subnet', 'route-table', 'security-group'],
  cluster: ['cluster', 'vpc'],
  'task-definition': ['iam-role', 'task-definition', 'log-group', 'image'],
  'standalone-task': ['cluster', 'task-definition', 'vpc', 'task', 'public-ipv4'],
  'service-alb': ['cluster', 'vpc', 'load-balancer', 'listener', 'target-group', 'target', 'service', 'task', 'public-ipv4'],
  'self-healing': ['cluster', 'load-balancer', 'target', 'service', 'task'],
  'new-version': ['image', 'task-definition', 'load-balancer', 'service', 'task'],
  cleanup: ['ecr-repository', 'image', 'cluster', 'task-definition', 'log-group', 'vpc', 'subnet', 'security-group', 'nat-gateway', 'load-balancer', 'target-group', 'service', 'task', 'public-ipv4'],
  cloudformation: ['stack', 'load-balancer', 'target-group', 'target', 'service', 'task'],
};

export const courseMapTypes: ResourceType[] = layout.map((entry) => entry.type);

function boxState(instances: MapInstance[]): BoxState {
  if (instances.length === 0) return 'unchecked';
  const present = instances.filter((instance) => instance.state !== 'missing');
  if (present.length === 0) return 'missing';
  return present.every((instance) => instance.state === 'healthy') ? 'healthy' : 'exists';
}

/**
 * The map for these kinds of resource, lit by the learner's latest resources: only the learner's
 * region and machine (another region's leftovers are the CLI's and the cost panel's business).
 */
export function buildMap(types: readonly ResourceType[], resources: readonly FoundResource[], vars: Record<string, string>): MapModel {
  const region = vars.region ?? '';
  const wanted = new Set(types);
  const boxes: MapBox[] = layout
    .filter((entry) => wanted.has(entry.type))
    .map((entry) => {
      const mine = resources.filter((resource) => resource.type === entry.type && (resource.region === region || resource.region === 'local' || !region));
      // A missing marker only counts when nothing of that kind is there.
      const present = mine.filter((resource) => resource.presence !== 'missing');
      const shown = present.length ? present : mine;
      const instances: MapInstance[] = shown.map((resource) => ({
        id: resource.id,
        name: resource.name ?? resource.id,
        state: resource.presence,
        ...(resource.state && { awsState: resource.state }),
        ...(resource.consoleUrl && { consoleUrl: resource.consoleUrl }),
      }));
      const expectedName = entry.name?.(vars);
      return { type: entry.type, group: entry.group, state: boxState(instances), ...(expectedName && { expectedName }), instances };
    });
  const groups = (['local', 'region', 'vpc'] as const).map((id) => ({ id, boxes: boxes.filter((box) => box.group === id) })).filter((group) => group.boxes.length > 0);
  return { region, groups };
}

/** How many boxes are in each state: the map's one-line summary for a screen reader. */
export function stateCounts(model: MapModel): Record<BoxState, number> {
  const counts: Record<BoxState, number> = { healthy: 0, exists: 0, missing: 0, unchecked: 0 };
  for (const group of model.groups) for (const box of group.boxes) counts[box.state]++;
  return counts;
}
