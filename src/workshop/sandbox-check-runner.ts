/**
 * Checks in a workshop run inside the learner's sandbox, where their files, their Docker engine and
 * their AWS credentials are: the server executes the image's own CLI there
 * (`ecs-workbook check <step> --json --no-record`) and records what it prints for that learner.
 *
 * What the server knows of the learner goes in as flags: their settings (names, prefix, region if
 * they chose one) with `--settings`, and when they started the lesson with `--lesson-started`, so
 * the check judges exactly as it would in solo mode. What only the sandbox knows (the credentials,
 * the region of their AWS config, their account) stays there: the identity lookup runs inside too,
 * and only its answer (account id and ARN, no secret) comes back.
 *
 * The CLI runs in a login shell so that what the learner put in ~/.profile (AWS_PROFILE, a region)
 * applies, as it does in their terminal. Variables they `export` only in an open shell do not reach
 * a check: that shell's environment is its own (README, workshop mode).
 */
import type { CheckResult } from '../checks/check-contract.ts';
import type { CheckRunner } from '../checks/check-runner.ts';
import { couldNotLookResult } from '../checks/could-not-look-result.ts';
import type { CheckRun } from '../checks/run-check.ts';
import type { SandboxProvider } from '../sandbox/sandbox-provider.ts';
import { z } from 'zod';

/** Node starting inside a sandbox of half a core, before the check's own time starts. */
const startSlackMs = 20_000;

export const sandboxCheckOutputSchema = z
  .object({
    step: z.string().describe('The step the CLI checked.'),
    status: z.enum(['pass', 'fail', 'pending', 'error']).describe('The outcome, as the exit code says it too.'),
    at: z.string().describe('When the run started (ISO).'),
    durationMs: z.number().describe('How long the whole run took inside the sandbox.'),
    result: z.custom<CheckResult>((value) => typeof value === 'object' && value !== null && 'status' in value && 'items' in value).describe('The raw result, as the server records it.'),
    snapshot: z.unknown().describe('What observe saw, recorded to explain the result later.'),
  })
  .describe('What `ecs-workbook check <step> --json --no-record` prints for one step.');

export interface SandboxCheckRunnerOptions {
  provider: Pick<SandboxProvider, 'exec'> & Partial<Pick<SandboxProvider, 'status'>>;
  learner: string;
  /** The learner's settings as the server stores them (read at each run: they may have changed). */
  settings: () => Record<string, unknown>;
  /** The language the CLI renders in does not matter (the server renders); English keeps logs readable. */
  lang?: 'en' | 'ja';
}

const wrapper = 'exec ecs-workbook check "$@"';

function failed(stepId: string, startedAt: Date, message: string, kind: 'timeout' | 'call-failed', region: string): CheckRun {
  const result = couldNotLookResult({ kind, error: { name: 'SandboxCheckFailed', message }, where: 'your sandbox' }, { env: {}, region });
  return { stepId, result, snapshot: { $observeError: { name: 'SandboxCheckFailed', message } }, startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), observeMs: 0 };
}

export function sandboxCheckRunner(options: SandboxCheckRunnerOptions): CheckRunner {
  const inSandbox = (args: string[], timeoutMs: number) =>
    options.provider.exec(options.learner, ['bash', '-lc', wrapper, 'ecs-workbook-check', ...args], { timeoutMs });

  async function runStep(stepId: string, seconds: number, extra: string[]): Promise<{ output?: z.infer<typeof sandboxCheckOutputSchema>; problem?: string; timedOut?: boolean }> {
    const args = [stepId, '--json', '--no-record', '--lang', options.lang ?? 'en', '--timeout', String(seconds), '--settings', JSON.stringify(options.settings()), ...extra];
    const ran = await inSandbox(args, seconds * 1000 + startSlackMs);
    if (ran.timedOut) return { timedOut: true, problem: `The check did not finish in your sandbox within ${seconds} seconds.` };
    try {
      return { output: sandboxCheckOutputSchema.parse(JSON.parse(ran.stdout)) };
    } catch {
      const said = (ran.stderr.trim() || ran.stdout.trim()).split('\n').slice(-3).join(' ').slice(0, 500);
      return { problem: `The check could not run in your sandbox (exit code ${ran.exitCode}): ${said || 'it printed nothing'}` };
    }
  }

  return {
    async run({ check, vars, lessonStartedAt, timeoutMs, remainingMs }) {
      const startedAt = new Date();
      const seconds = Math.max(1, Math.ceil((remainingMs ?? timeoutMs) / 1000));
      let answer: Awaited<ReturnType<typeof runStep>>;
      try {
        answer = await runStep(check.id, seconds, lessonStartedAt ? ['--lesson-started', lessonStartedAt] : []);
      } catch (error) {
        // The sandbox could not be started or reached: say so, as any "could not look".
        return failed(check.id, startedAt, (error as Error).message, 'call-failed', vars.region);
      }
      if (!answer.output) return failed(check.id, startedAt, answer.problem!, answer.timedOut ? 'timeout' : 'call-failed', vars.region);
      const { output } = answer;
      return { stepId: check.id, result: output.result, snapshot: output.snapshot, startedAt: output.at, durationMs: output.durationMs, observeMs: output.durationMs };
    },

    async identity(timeoutMs) {
      // Asked when a page first renders for the learner: it must not start (or wake) a sandbox, or
      // every join would start one outside the start queue. Checks ask again once it runs.
      if (options.provider.status && (await options.provider.status(options.learner)).phase !== 'ready') return undefined;
      // The identity step's pass names the account and ARN (its `account` resource).
      const answer = await runStep('setup/aws-identity', Math.max(1, Math.ceil(timeoutMs / 1000)), []);
      const found = answer.output?.result.status === 'pass' ? answer.output.result.resources.find((resource) => resource.type === 'account') : undefined;
      return found?.name ? { accountId: found.name, arn: found.id } : undefined;
    },
  };
}
