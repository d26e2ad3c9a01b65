/**
 * The contract every step check in `checks/` follows: `observe` does all I/O and returns a plain
 * JSON snapshot; `judge` is pure and turns a snapshot into a result. Judges are tested with fixture
 * snapshots (including states no emulator can produce); observers against moto and a real Docker
 * engine; and a recorded snapshot explains any result after the fact.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import type Docker from 'dockerode';
import type { HttpProbeFunction } from './http-probe.ts';
import type { ToolVersions } from './tool-versions.ts';

/** pass; fail (the learner's state is wrong); pending (still settling); error (we could not look). */
export type CheckStatus = 'pass' | 'fail' | 'pending' | 'error';

/** An item may also be a `warn`: worth knowing, but it does not fail the step. */
export type ItemStatus = CheckStatus | 'warn';

/** Text is never written into results: a key with parameters, rendered in the learner's language. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

export interface CheckItem {
  /** Stable within its check, e.g. `cidr`, `two-azs`. */
  id: string;
  status: ItemStatus;
  /** What this item verifies, e.g. "The VPC has the CIDR 10.0.0.0/20". */
  label: Message;
  /** Where the state differs: what the lesson expects and what was found. */
  expected?: string | Message;
  actual?: string | Message;
  /** Why it matters or what to do, for items that are not `pass`. */
  hint?: Message;
  /** One command that fixes it, with the learner's values filled in. */
  fix?: string;
  /** A preformatted block shown with the item, e.g. the read-only IAM policy in full. */
  details?: string;
}

/**
 * Something the check found, typed (src/resources/resource-schema.ts): feeds the architecture map
 * and the cost panel. A check reports it on every status, and reports a resource it looked for
 * under the learner's name and did not find as `presence: 'missing'`.
 */
export type { FoundResource } from '../resources/resource-schema.ts';
import type { FoundResource } from '../resources/resource-schema.ts';

export interface CheckResult {
  status: CheckStatus;
  summary: Message;
  items: CheckItem[];
  resources: FoundResource[];
}

/**
 * The learner's settings as checks see them: resource names already carry the learner's prefix.
 * Commands show the same values through `{{name}}` placeholders.
 */
export interface LearnerVariables {
  region: string;
  /** From STS; absent until the identity could be read. */
  accountId?: string;
  prefix: string;
  repository: string;
  vpcName: string;
  cluster: string;
  taskFamily: string;
  service: string;
  loadBalancer: string;
  targetGroup: string;
  albSecurityGroup: string;
  taskSecurityGroup: string;
  executionRole: string;
  logGroup: string;
  /** The learner's workspace folder (absolute). */
  workspace: string;
}

/** The AWS SDK v3 clients, built from the default credential chain for `vars.region`. */
export interface AwsClients {
  region: string;
  ecs: ECSClient;
  ecr: ECRClient;
  ec2: EC2Client;
  elbv2: ElasticLoadBalancingV2Client;
  iam: IAMClient;
  sts: STSClient;
  logs: CloudWatchLogsClient;
  /** The same clients for another region: the wrong-region probe uses it. */
  inRegion(region: string): AwsClients;
}

/** One entry of a folder, as `ctx.files.list` gives it. */
export interface FolderEntry {
  name: string;
  folder: boolean;
}

/**
 * The learner's files: on this machine in solo mode, in the learner's sandbox in a workshop.
 * Both reject with an error whose `code` says why (ENOENT, EACCES, ENOTDIR, EISDIR, …).
 */
export interface CheckFiles {
  /** A file's text, as UTF-8. */
  read(path: string): Promise<string>;
  list(folder: string): Promise<FolderEntry[]>;
}

/**
 * The one door to the learner's world. An observer reads files, the environment, the Docker
 * engine, HTTP and AWS only through it, never through node:fs, process.env or fetch, so the same
 * check runs on this machine or inside a learner's sandbox (a unit test keeps checks/ to this).
 */
export interface CheckContext {
  vars: LearnerVariables;
  aws: AwsClients;
  docker: Docker;
  files: CheckFiles;
  /** The learner's environment (DOCKER_HOST, AWS_PROFILE, …): where their commands run. */
  env: Readonly<Record<string, string | undefined>>;
  /** The operating system the learner's commands run on. */
  platform: NodeJS.Platform;
  /** When the learner started the lesson this step belongs to (ISO time), if known. */
  lessonStartedAt?: string;
  /** Ends when the check's time is up. */
  signal: AbortSignal;
  /**
   * An HTTP GET to a load balancer, a task or a published container port, as the learner's browser
   * would make it (a fetch with a short timeout). Tests point it at a loopback stand-in.
   */
  http: HttpProbeFunction;
  /**
   * The learner's tools' versions (`aws --version`, `docker buildx version`, `uname -m`) from a
   * fixed allow-list, without a shell: the only commands a check can run.
   */
  tools: ToolVersions;
}

export interface CheckDefinition<Snapshot> {
  /** The step id, `lesson/step`. */
  id: string;
  /**
   * "Look yourself": read-only commands (`aws … describe-…`, `docker …`) that show what this check
   * observes, with the same `{{name}}` placeholders as a lesson's commands. Shown with Copy and Run
   * beside the verdict, so a learner learns to look without the workbook. Every course check has
   * at least one (a unit test keeps them parseable by bash and free of changing verbs).
   */
  look?: readonly string[];
  observe(ctx: CheckContext): Promise<Snapshot>;
  judge(snapshot: Snapshot, vars: LearnerVariables): CheckResult;
}

export function defineCheck<Snapshot>(definition: CheckDefinition<Snapshot>): CheckDefinition<Snapshot> {
  return definition;
}

/** A failed call, recorded in the snapshot in place of its response (never `instanceof`: match on `name`). */
export interface CapturedError {
  $error: { name: string; message: string; httpStatusCode?: number; fault?: string; code?: string };
}

export type Observed<T> = T | CapturedError;

export function isCaptured(value: unknown): value is CapturedError {
  return typeof value === 'object' && value !== null && '$error' in value;
}

/** Runs one call and records its response without `$metadata`, or its error. Never throws. */
export async function capture<T>(call: Promise<T>): Promise<Observed<Omit<T, '$metadata'>>> {
  try {
    const response = await call;
    if (response && typeof response === 'object' && '$metadata' in response) {
      const { $metadata: _metadata, ...rest } = response as T & { $metadata: unknown };
      return rest as Omit<T, '$metadata'>;
    }
    return response as Omit<T, '$metadata'>;
  } catch (thrown) {
    const error = thrown as { name?: string; message?: string; code?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
    return {
      $error: {
        name: error.name ?? 'Error',
        message: error.message ?? String(thrown),
        ...(error.$metadata?.httpStatusCode !== undefined && { httpStatusCode: error.$metadata.httpStatusCode }),
        ...(error.$fault && { fault: error.$fault }),
        ...(error.code && { code: error.code }),
      },
    };
  }
}
