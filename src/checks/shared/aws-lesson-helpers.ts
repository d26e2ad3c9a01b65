/**
 * Helpers shared by the checks of lessons 06–12 (kept here, outside checks/, where every folder is a lesson) (task definition through CloudFormation): the
 * caller identity every snapshot carries, how a captured SDK error becomes an `error` item (the
 * engine's could-not-look item, never the learner's fault) or a "not found", and how items add up
 * to a result.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  capture,
  isCaptured,
  type CapturedError,
  type CheckContext,
  type CheckItem,
  type CheckResult,
  type CheckStatus,
  type FoundResource,
  type Observed,
} from '../check-contract.ts';
import { diagnose } from '../classify-error.ts';
import { couldNotLookItem } from '../could-not-look-result.ts';

export interface Identity {
  Account?: string;
  Arn?: string;
}

/** What every snapshot of these lessons starts with. */
export interface BaseSnapshot {
  region: string;
  observedAt: string;
  lessonStartedAt?: string;
  identity: Observed<Identity>;
  /** Other regions where what was not found here exists under the learner's name (other-regions.ts). */
  foundIn?: string[];
}

export async function observeBase(ctx: CheckContext): Promise<BaseSnapshot> {
  const identity = await capture(ctx.aws.sts.send(new GetCallerIdentityCommand({}), { abortSignal: ctx.signal }));
  return {
    region: ctx.aws.region,
    observedAt: new Date().toISOString(),
    ...(ctx.lessonStartedAt && { lessonStartedAt: ctx.lessonStartedAt }),
    identity: isCaptured(identity) ? identity : { Account: identity.Account, Arn: identity.Arn },
  };
}

/** Error names that mean "it is not there" (per API; see the reference, §4), not "we could not look". */
const notFoundNames = new Set([
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'ClientException', // DescribeTaskDefinition: "Unable to describe task definition."
  'RepositoryNotFoundException',
  'ImageNotFoundException',
  'LoadBalancerNotFoundException',
  'LoadBalancerNotFound',
  'TargetGroupNotFoundException',
  'TargetGroupNotFound',
  'ListenerNotFoundException',
  'NoSuchEntityException',
  'NoSuchEntity',
  'ResourceNotFoundException',
  'InvalidVpcID.NotFound',
  'InvalidSubnetID.NotFound',
  'InvalidGroup.NotFound',
]);

export function isNotFound(value: unknown): value is CapturedError {
  if (!isCaptured(value)) return false;
  if (notFoundNames.has(value.$error.name)) return true;
  // CloudFormation answers a missing stack with a plain ValidationError.
  return value.$error.name === 'ValidationError' && /does not exist/i.test(value.$error.message);
}

/** A captured error that is not a "not found": the check could not look. */
export function failedToLook(value: unknown): value is CapturedError {
  return isCaptured(value) && !isNotFound(value);
}

/**
 * Item for a call that failed for reasons that are not the learner's state (credentials, network,
 * denial): the engine's could-not-look item (`check.error.*`), with the call it was reading.
 */
export function errorItem(call: string, value: CapturedError, region = ''): CheckItem {
  return couldNotLookItem(diagnose(value.$error, call), { env: {}, region }, `read:${call}`);
}

/** The status of a set of items: error beats fail beats pending beats pass (warn never fails). */
export function overallStatus(items: CheckItem[]): CheckStatus {
  for (const status of ['error', 'fail', 'pending'] as const) {
    if (items.some((item) => item.status === status)) return status;
  }
  return 'pass';
}

export function result(lesson: string, items: CheckItem[], resources: FoundResource[] = []): CheckResult {
  const status = overallStatus(items);
  return { status, summary: { key: `${lesson}.common.summary.${status}` }, items, resources };
}

/** Items start from the identity: without it nothing else can be trusted. */
export function identityItems(snapshot: BaseSnapshot): CheckItem[] {
  return isCaptured(snapshot.identity) ? [errorItem('sts:GetCallerIdentity', snapshot.identity, snapshot.region)] : [];
}

/** `Statement`, `Action`, `Principal.Service` may each be a string or an array. */
export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** IAM documents come URL-encoded from SDK v3 (the CLI decodes silently). Accepts either form. */
export function decodePolicy(document: string | undefined): PolicyDocument | undefined {
  if (!document) return undefined;
  for (const text of [document, safeDecode(document)]) {
    try {
      return JSON.parse(text) as PolicyDocument;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export interface PolicyStatement {
  Effect?: string;
  Action?: string | string[];
  Principal?: string | { Service?: string | string[]; AWS?: string | string[] };
  Resource?: string | string[];
}
export interface PolicyDocument {
  Statement?: PolicyStatement | PolicyStatement[];
}

/** IAM action patterns are case-insensitive with `*` and `?` wildcards. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return regex.test(action);
}

/** True when some Allow statement of the documents grants `action` (Deny and conditions are not modelled). */
export function allows(documents: (PolicyDocument | undefined)[], action: string): boolean {
  return documents.some((document) =>
    asArray(document?.Statement).some(
      (statement) => statement.Effect === 'Allow' && asArray(statement.Action).some((pattern) => actionMatches(pattern, action)),
    ),
  );
}

/** Seconds between two ISO times (b - a); NaN when either is missing. */
export function secondsBetween(a: string | Date | undefined, b: string | Date | undefined): number {
  if (!a || !b) return Number.NaN;
  return (new Date(b).getTime() - new Date(a).getTime()) / 1000;
}

/** Time values from the SDK are Dates; in a JSON snapshot they are ISO strings. */
export function iso(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.toISOString();
}

/** A parsed ECR image reference: `<account>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@digest]`. */
export interface ImageReference {
  registry?: string;
  account?: string;
  region?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageReference {
  const [withoutDigest = '', digest] = image.split('@');
  const slash = withoutDigest.indexOf('/');
  const first = slash >= 0 ? withoutDigest.slice(0, slash) : '';
  // A registry host has a dot or a port, or is localhost; otherwise the name is on Docker Hub.
  const hasRegistry = slash >= 0 && (/[.:]/.test(first) || first === 'localhost');
  const registry = hasRegistry ? first : undefined;
  const path = hasRegistry ? withoutDigest.slice(slash + 1) : withoutDigest;
  const colon = path.lastIndexOf(':');
  const repository = colon >= 0 ? path.slice(0, colon) : path;
  const tag = colon >= 0 ? path.slice(colon + 1) : digest ? undefined : 'latest';
  const ecr = registry?.match(/^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/);
  return {
    ...(registry && { registry }),
    ...(ecr && { account: ecr[1], region: ecr[2] }),
    repository,
    ...(tag && { tag }),
    ...(digest && { digest }),
  };
}

export function taskIdOf(taskArn: string | undefined): string {
  return taskArn?.split('/').pop() ?? '';
}

/** `arn:…:task-definition/family:7` → `family:7`. */
export function familyRevisionOf(taskDefinitionArn: string | undefined): string {
  return taskDefinitionArn?.split('/').pop() ?? '';
}
