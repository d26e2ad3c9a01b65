/**
 * Builds the CheckContext a check's `observe` receives: the learner's variables, AWS clients for
 * their region (default credential chain, endpoints from the environment), the Docker engine, their
 * files and environment, the HTTP probe, the lesson start time, and a signal that ends when the
 * check's time is up. This is the in-process context: the learner's world is this machine.
 *
 * In a test against moto: start it with tests/harness/moto.ts, put `moto.env` into process.env
 * (or pass `env`), and call `createCheckContext({ vars: testVariables({ region: moto.region }) })`.
 */
import type Docker from 'dockerode';
import { createAwsClients, destroyAwsClients } from './aws-clients.ts';
import type { AwsClients, CheckContext, CheckFiles, LearnerVariables } from './check-contract.ts';
import { createLazyDocker } from './docker-client.ts';
import { probeHttp, type HttpProbeFunction } from './http-probe.ts';
import { localFiles } from './local-files.ts';
import { createToolVersions, type ToolVersions } from './tool-versions.ts';

export const defaultCheckTimeoutMs = 30_000;

export interface ContextOptions {
  vars: LearnerVariables;
  /** Whole-check time limit; the signal aborts when it passes. */
  timeoutMs?: number;
  lessonStartedAt?: string;
  /** SDK attempts per call (default: the SDK's, 3, or AWS_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** Use these instead of building new ones (tests, or a server reusing its clients). */
  aws?: AwsClients;
  docker?: Docker;
  /** The HTTP probe for load balancers and tasks (tests: a loopback stand-in); default `probeHttp`. */
  http?: HttpProbeFunction;
  /** The learner's environment; default the process's. */
  env?: NodeJS.ProcessEnv;
  /** The learner's files; default this machine's. */
  files?: CheckFiles;
  /** The version commands' runner; default one with the learner's environment. */
  tools?: ToolVersions;
}

export interface OwnedContext {
  ctx: CheckContext;
  timeoutMs: number;
  /** Closes what this context made (sockets), so a CLI can exit at once. */
  dispose(): void;
}

export function createCheckContext(options: ContextOptions): OwnedContext {
  const timeoutMs = options.timeoutMs ?? defaultCheckTimeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  const aws = options.aws ?? createAwsClients({
    region: options.vars.region,
    requestTimeoutMs: Math.min(timeoutMs, 15_000),
    signal,
    ...(options.maxAttempts !== undefined && { maxAttempts: options.maxAttempts }),
  });
  const docker = options.docker ?? createLazyDocker(Math.min(timeoutMs, 10_000));
  const env = options.env ?? process.env;
  const ctx: CheckContext = {
    vars: options.vars,
    aws,
    docker,
    files: options.files ?? localFiles,
    env,
    tools: options.tools ?? createToolVersions({ env, signal }),
    platform: process.platform,
    signal,
    http: options.http ?? probeHttp,
    ...(options.lessonStartedAt && { lessonStartedAt: options.lessonStartedAt }),
  };
  return {
    ctx,
    timeoutMs,
    dispose: () => {
      if (!options.aws) destroyAwsClients(aws);
    },
  };
}
