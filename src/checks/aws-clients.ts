/**
 * The AWS SDK v3 clients a check uses, built lazily: a check that only asks STS does not pay for
 * loading the EC2 client (the CLI's cold start matters). Credentials come from the SDK's default
 * chain (environment, profiles, SSO, credential_process, container, instance); AWS_ENDPOINT_URL and
 * the service-specific endpoint variables are honoured by the SDK itself; retries are the SDK's
 * (standard mode, AWS_MAX_ATTEMPTS / AWS_RETRY_MODE respected).
 *
 * The SDK keeps every shared file it read (~/.aws/credentials and ~/.aws/config, a missing one
 * too) for the life of the process, so a learner who runs `aws configure` after `npm start` would
 * get "no credentials" from every Check until a restart. Each set of clients therefore reads the
 * files afresh, as the aws CLI does on every command.
 */
import { createRequire } from 'node:module';
import type { AwsClients } from './check-contract.ts';
import { notAwsAnswerName } from './classify-error.ts';

// The client packages have no `exports` map, so `import` and `require` load the same CommonJS
// build: a check's `import { DescribeClustersCommand }` works with a client made here.
const require = createRequire(import.meta.url);

export interface AwsClientOptions {
  region: string;
  /** Per-attempt socket timeout, so a dead endpoint does not hang a check. */
  requestTimeoutMs?: number;
  /** Overrides the SDK's default attempts (3); tests use 1 for fast error cases. */
  maxAttempts?: number;
  /**
   * The check's deadline. Every `send` of every client honours it, whether or not the check passed
   * `abortSignal` itself: a stalled endpoint (a half-dead proxy or VPN) must not hold a check, the
   * CLI or a server request past its time limit.
   */
  signal?: AbortSignal;
}

interface MiddlewareStack {
  add(middleware: (next: (args: unknown) => Promise<{ response?: unknown }>) => (args: unknown) => Promise<unknown>, options: Record<string, unknown>): void;
}

async function readBody(body: unknown): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * AWS never answers these APIs with a web page. A captive portal or a proxy does, with status 200,
 * and the XML protocols would read its HTML as an empty answer ("no VPC", "no account"), which a
 * judge would take for the learner's state. Refusing the page before it is read makes it a
 * "could not check" instead.
 */
function refuseWebPages(client: { middlewareStack: MiddlewareStack }) {
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { statusCode?: number; headers?: Record<string, string>; body?: unknown } | undefined;
      const type = Object.entries(response?.headers ?? {}).find(([key]) => key.toLowerCase() === 'content-type')?.[1] ?? '';
      if (!response || !/text\/html/i.test(type)) return result;
      // The type alone is not enough: emulators (moto) label their XML errors text/html too.
      const body = await readBody(response.body);
      if (/^\s*(?:<!doctype html|<html)|<body[\s>]/i.test(body.subarray(0, 4096).toString('utf8'))) {
        throw Object.assign(new Error(`The endpoint answered HTTP ${response.statusCode ?? '?'} with a web page (${type}), not with AWS's answer.`), { name: notAwsAnswerName, $fault: 'client' });
      }
      // Not a page after all: hand the same bytes on to the SDK's parser.
      response.body = body;
      return result;
    },
    // In the deserialize step, after the deserializer: it sees the raw answer before it is parsed.
    { step: 'deserialize', priority: 'low', name: 'ecsWorkbookRefuseWebPages' },
  );
}

type Send = (command: unknown, options?: unknown, callback?: unknown) => Promise<unknown>;

/** Makes `client.send` abort with `signal` unless the caller gave a signal of its own. */
function sendWithDeadline(client: { send: Send }, signal: AbortSignal) {
  const send = client.send.bind(client);
  client.send = (command, options, callback) => {
    if (typeof options === 'function') return send(command, { abortSignal: signal }, options);
    const given = (options ?? {}) as { abortSignal?: AbortSignal };
    return send(command, { ...given, abortSignal: given.abortSignal ?? signal }, callback);
  };
}

const packages = {
  ecs: ['@aws-sdk/client-ecs', 'ECSClient'],
  ecr: ['@aws-sdk/client-ecr', 'ECRClient'],
  ec2: ['@aws-sdk/client-ec2', 'EC2Client'],
  elbv2: ['@aws-sdk/client-elastic-load-balancing-v2', 'ElasticLoadBalancingV2Client'],
  iam: ['@aws-sdk/client-iam', 'IAMClient'],
  sts: ['@aws-sdk/client-sts', 'STSClient'],
  logs: ['@aws-sdk/client-cloudwatch-logs', 'CloudWatchLogsClient'],
} as const;

type ClientName = keyof typeof packages;

/** Replaces the SDK's cached copies of the shared files with fresh reads (paths as the SDK resolves them). */
export function rereadSharedAwsFiles(): void {
  // The CommonJS build, as the credential providers require it: the cache lives in that module.
  const { loadSharedConfigFiles } = require('@smithy/core/config') as typeof import('@smithy/core/config');
  // The reads start (and replace the cached promises) synchronously; a missing file is not an error here.
  void loadSharedConfigFiles({ ignoreCache: true }).catch(() => {});
}

export function createAwsClients(options: AwsClientOptions): AwsClients {
  rereadSharedAwsFiles();
  const made = new Map<ClientName, { destroy(): void }>();
  const config = {
    region: options.region,
    ...(options.maxAttempts !== undefined && { maxAttempts: options.maxAttempts }),
    ...(options.requestTimeoutMs !== undefined && {
      // throwOnRequestTimeout: without it the SDK only logs a warning and waits on for ever.
      requestHandler: { requestTimeout: options.requestTimeoutMs, connectionTimeout: Math.min(options.requestTimeoutMs, 5000), throwOnRequestTimeout: true },
    }),
  };
  const client = (name: ClientName) => {
    let existing = made.get(name);
    if (!existing) {
      const [pkg, constructorName] = packages[name];
      const Client = (require(pkg) as Record<string, new (config: object) => { destroy(): void }>)[constructorName]!;
      existing = new Client(config);
      refuseWebPages(existing as unknown as { middlewareStack: MiddlewareStack });
      if (options.signal) sendWithDeadline(existing as unknown as { send: Send }, options.signal);
      made.set(name, existing);
    }
    return existing;
  };
  const others = new Map<string, AwsClients>();
  const clients = {
    region: options.region,
    get ecs() { return client('ecs'); },
    get ecr() { return client('ecr'); },
    get ec2() { return client('ec2'); },
    get elbv2() { return client('elbv2'); },
    get iam() { return client('iam'); },
    get sts() { return client('sts'); },
    get logs() { return client('logs'); },
    inRegion(region: string): AwsClients {
      if (region === options.region) return clients;
      let other = others.get(region);
      if (!other) others.set(region, (other = createAwsClients({ ...options, region })));
      return other;
    },
  } as unknown as AwsClients;
  Object.defineProperty(clients, 'destroy', {
    enumerable: false,
    value: () => {
      for (const c of made.values()) c.destroy();
      for (const o of others.values()) destroyAwsClients(o);
    },
  });
  return clients;
}

/** Closes the sockets of every client made so far (the CLI exits sooner). */
export function destroyAwsClients(clients: AwsClients) {
  (clients as unknown as { destroy?: () => void }).destroy?.();
}
