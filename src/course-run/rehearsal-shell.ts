/**
 * The shell a rehearsal runs in: the environment the workbook's own terminal gives the learner
 * (their AWS and Docker settings, the CLI's pager turned off as the terminal turns it off), bash,
 * and the learner's workspace folder.
 *
 * Against an emulator (AWS_ENDPOINT_URL set, no --real), `aws` also gets `--endpoint-url`: AWS CLI
 * v2 before 2.13 (Debian 12 ships 2.9) ignores AWS_ENDPOINT_URL and would reach the real AWS.
 */
import { mkdirSync } from 'node:fs';
import { shellEnvironment } from '../sandbox/shell-environment.ts';
import { CourseShell } from './course-shell.ts';

export interface RehearsalShellOptions {
  /** The environment the learner's terminal would start from (the CLI passes process.env). */
  learnerEnv: NodeJS.ProcessEnv;
  workspace: string;
  region: string;
  real: boolean;
  /** Extra variables a stand-in reads (a test's local registry port). */
  extraEnv?: Record<string, string>;
}

export async function startRehearsalShell(options: RehearsalShellOptions): Promise<CourseShell> {
  mkdirSync(options.workspace, { recursive: true });
  const env = shellEnvironment(options.learnerEnv, '/bin/bash');
  // An empty AWS_PROFILE makes the CLI look for a profile named '' (the way a test clears one).
  if (env.AWS_PROFILE === '') delete env.AWS_PROFILE;
  env.AWS_DEFAULT_REGION = options.region;
  Object.assign(env, options.extraEnv);
  const shell = new CourseShell(env, options.workspace);
  const endpoint = env.AWS_ENDPOINT_URL;
  if (!options.real && endpoint) {
    const defined = await shell.run(`aws() { command aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"; }`);
    if (defined.exitCode !== 0) throw new Error(`The rehearsal shell did not start: ${defined.output}`);
  }
  return shell;
}

/** Why a run without --real may not start: it must not reach a real account by accident. */
export function emulatorProblem(env: NodeJS.ProcessEnv): string | undefined {
  const endpoint = env.AWS_ENDPOINT_URL;
  if (!endpoint) return 'no-endpoint';
  try {
    const host = new URL(endpoint).hostname;
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) return 'endpoint-not-loopback';
  } catch {
    return 'endpoint-not-loopback';
  }
  return undefined;
}
