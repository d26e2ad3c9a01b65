/**
 * What a Check found, typed: the one closed list of resource kinds the course builds, and the
 * shape every Check reports on every status (pass, fail, pending). The architecture map and the
 * cost panel read only this, never a check's snapshot.
 */
import { z } from 'zod';

/** Every kind of thing the course builds or looks at. Local kinds (Docker, files) have region `local`. */
export const resourceTypes = [
  'account',
  'docker-engine',
  /** A command-line tool on the learner's machine (aws, docker buildx). */
  'cli-tool',
  'dockerfile',
  'local-image',
  'container',
  'ecr-repository',
  'image',
  'vpc',
  'subnet',
  'internet-gateway',
  'route-table',
  'security-group',
  'nat-gateway',
  'network-interface',
  'public-ipv4',
  'iam-role',
  'cluster',
  'task-definition',
  'task',
  'service',
  'load-balancer',
  'listener',
  'target-group',
  'target',
  'log-group',
  'stack',
] as const;

export const ResourceType = z.enum(resourceTypes).describe('The kind of resource, from the course\'s closed list.');
export type ResourceType = z.infer<typeof ResourceType>;

/**
 * How the map lights a resource: `healthy` (exists and does its job: a running task, a healthy
 * target), `exists` (there, not yet or not wholly healthy), `missing` (looked for under the
 * learner's name and not found). A resource never reported is "not checked yet".
 */
export const Presence = z.enum(['healthy', 'exists', 'missing']).describe('What the check saw: healthy, exists, or missing.');
export type Presence = z.infer<typeof Presence>;

/** The region of things on the learner's own machine. */
export const localRegion = 'local';

export const FoundResource = z
  .object({
    type: ResourceType,
    region: z.string().min(1).describe('AWS region, or "local" for the learner\'s machine.'),
    id: z.string().min(1).describe('Id or ARN; for a missing resource, the name it was looked for under.'),
    name: z.string().optional().describe('The learner\'s name for it (the Name tag, the cluster name, …).'),
    presence: Presence,
    parent: z
      .string()
      .optional()
      .describe('What it belongs to, when several checks report the same type: the service or task family of a task, the load balancer of a listener or address.'),
    state: z.string().optional().describe('AWS\'s own word for its state: ACTIVE, RUNNING, healthy, CREATE_COMPLETE, …'),
    consoleUrl: z.url().optional().describe('Its page in the AWS console (consoleUrl(type, region, id)).'),
    vcpu: z.number().nonnegative().optional().describe('A Fargate task\'s vCPU, for the cost.'),
    memoryGb: z.number().nonnegative().optional().describe('A Fargate task\'s memory in GB, for the cost.'),
    storedBytes: z.number().nonnegative().optional().describe('Bytes stored (ECR image, log group), for the cost.'),
    createdAt: z.string().optional().describe('When AWS says it was made (ISO time), if it says.'),
  })
  .describe('One resource a Check found (or looked for and did not find).');
export type FoundResource = z.infer<typeof FoundResource>;
