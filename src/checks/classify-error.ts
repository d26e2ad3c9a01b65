/**
 * Decides whether a captured error means "the workbook could not look" (credentials, access,
 * throttling, network, region, the Docker engine) rather than anything about the learner's
 * resources. Matching is on `name` (and Node's `code`) per protocol family, never `instanceof`: see
 * shared/reference/aws-checks.md §5. A not-found error (`RepositoryNotFoundException`, `NoSuchEntity`
 * …) is not classified here: it is evidence the judge reads.
 */
import { isCaptured, type CapturedError } from './check-contract.ts';

/** The name of the error the AWS clients raise when a web page (text/html) answers instead of AWS. */
export const notAwsAnswerName = 'NotAnAwsAnswer';

export type CouldNotLookKind =
  | 'no-credentials'
  | 'sso-login'
  | 'expired-token'
  | 'invalid-credentials'
  | 'access-denied'
  | 'throttled'
  | 'network'
  | 'region-missing'
  | 'unreadable-response'
  | 'aws-unavailable'
  | 'timeout'
  | 'docker-unreachable'
  | 'docker-permission'
  | 'not-aws'
  | 'endpoint-invalid'
  | 'region-invalid'
  /** A call failed in a way none of the above names: shown as it is, still never the learner's fault. */
  | 'call-failed'
  | 'observe-failed';

export interface CouldNotLook {
  kind: CouldNotLookKind;
  /** The raw error, shown so nothing is hidden. */
  error: CapturedError['$error'];
  /** Where in the snapshot it was found, e.g. `sts:GetCallerIdentity`. */
  where?: string;
  /** For access-denied: the IAM action that was refused, e.g. `ecs:DescribeServices`. */
  action?: string;
  /** For sso-login: the profile named in the SDK's message. */
  profile?: string;
}

// The three protocol families of the seven services (JSON: ECS, ECR, Logs; Query: STS, IAM, ELBv2; EC2).
const invalidCredentials = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'AuthFailure', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'IncompleteSignature', 'InvalidAccessKeyId', 'MissingAuthenticationToken', 'MissingAuthenticationTokenException']);
const expiredToken = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const accessDenied = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'UnauthorizedAccess']);
const throttled = new Set(['ThrottlingException', 'Throttling', 'RequestLimitExceeded', 'TooManyRequestsException', 'ThrottledException', 'RequestThrottled', 'RequestThrottledException', 'SlowDown']);
const unavailable = new Set(['InternalFailure', 'InternalError', 'ServiceUnavailable', 'ServiceUnavailableException', 'InternalServerError', 'InternalServiceError']);
const networkCodes = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** `… is not authorized to perform: ecs:DescribeServices on resource …` → `ecs:DescribeServices`. */
export function deniedAction(message: string): string | undefined {
  return /not authorized to perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/i.exec(message)?.[1];
}

function isDockerError(error: CapturedError['$error']): boolean {
  return /docker\.sock|docker_engine|docker/i.test(error.message) || /\.sock\b/.test(error.message);
}

export function classifyError(error: CapturedError['$error'], where?: string): CouldNotLook | undefined {
  const { name, message } = error;
  const code = error.code ?? /\b(E[A-Z_]{3,})\b/.exec(message)?.[1];
  const base = { error, ...(where && { where }) };
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    if (/sso/i.test(message)) {
      const profile = /profile=([\w.@+-]+)/.exec(message)?.[1];
      return { kind: 'sso-login', ...base, ...(profile && { profile }) };
    }
    if (/expired/i.test(message)) return { kind: 'expired-token', ...base };
    return { kind: 'no-credentials', ...base };
  }
  if (/Region is missing/i.test(message)) return { kind: 'region-missing', ...base };
  // None of these three reached AWS, so they say nothing about the learner's resources.
  if (name === notAwsAnswerName) return { kind: 'not-aws', ...base };
  if (/Region not accepted|not a valid hostname component|Invalid region/i.test(message)) return { kind: 'region-invalid', ...base };
  if (code === 'ERR_INVALID_URL' || /^Invalid URL\b/.test(message)) return { kind: 'endpoint-invalid', ...base };
  if (expiredToken.has(name) || /token (included in the request )?(is|has) expired|security token .* expired/i.test(message)) return { kind: 'expired-token', ...base };
  if (invalidCredentials.has(name)) return { kind: 'invalid-credentials', ...base };
  if (accessDenied.has(name)) {
    // EC2's message is encoded and names no action; the snapshot key (`ec2:DescribeVpcs`) does.
    const action = deniedAction(message) ?? (where && /^[a-z0-9-]+:[A-Za-z0-9]+$/.test(where) ? where : undefined);
    return { kind: 'access-denied', ...base, ...(action && { action }) };
  }
  if (throttled.has(name)) return { kind: 'throttled', ...base };
  if (name === 'AbortError' || name === 'TimeoutError' || code === 'ABORT_ERR') return { kind: 'timeout', ...base };
  if (code === 'EACCES' && isDockerError(error)) return { kind: 'docker-permission', ...base };
  if ((code === 'ENOENT' || code === 'ECONNREFUSED') && isDockerError(error)) return { kind: 'docker-unreachable', ...base };
  if (code && networkCodes.has(code)) return { kind: 'network', ...base };
  // moto answers ECS, ECR and Logs denials with XML bodies the JSON parser cannot read (§9).
  if (name === 'SyntaxError' || /Deserialization error/i.test(message)) return { kind: 'unreadable-response', ...base };
  if (unavailable.has(name) || (error.fault === 'server' && (error.httpStatusCode ?? 0) >= 500 && !/Exception$/.test(name))) return { kind: 'aws-unavailable', ...base };
  return undefined;
}

/**
 * What stopped the workbook reading `where`: the classification above, or `call-failed` for an
 * error nothing above names. A judge that meets an error it cannot read as evidence uses this, so a
 * learner reads the same words whichever check could not look.
 */
export function diagnose(error: CapturedError['$error'], where?: string): CouldNotLook {
  return classifyError(error, where) ?? { kind: 'call-failed', error, ...(where && { where }) };
}

/** The first could-not-look error anywhere in a snapshot, with the key path it sits under. */
export function findCouldNotLook(snapshot: unknown): CouldNotLook | undefined {
  const visit = (value: unknown, key: string | undefined, depth: number): CouldNotLook | undefined => {
    if (depth > 12 || value === null || typeof value !== 'object') return undefined;
    if (isCaptured(value)) return classifyError(value.$error, key);
    // Array elements keep their parent's key: `ecs:DescribeServices` names the call, not `0`.
    const entries: [string | undefined, unknown][] = Array.isArray(value) ? value.map((v) => [key, v]) : Object.entries(value);
    for (const [childKey, child] of entries) {
      const found = visit(child, childKey, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(snapshot, undefined, 0);
}

/** Normalises anything thrown (an SDK error, a Node system error) to the captured shape. */
export function toCapturedError(thrown: unknown): CapturedError['$error'] {
  const error = thrown as { name?: string; message?: string; code?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  return {
    name: error?.name ?? 'Error',
    message: error?.message ?? String(thrown),
    ...(error?.$metadata?.httpStatusCode !== undefined && { httpStatusCode: error.$metadata.httpStatusCode }),
    ...(error?.$fault && { fault: error.$fault }),
    ...(typeof error?.code === 'string' && { code: error.code }),
  };
}
