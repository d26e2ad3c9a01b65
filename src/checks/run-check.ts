/**
 * Runs one check: observe (all I/O), then, unless the snapshot says the workbook could not look,
 * judge. Errors that mean "could not look" become an `error` result with the fix; they are never
 * handed to the judge as if they were the learner's state.
 *
 * Public entry points for tests of check modules:
 * - `evaluate(check, snapshot, vars)`: classification + judge over a fixture snapshot (pure).
 * - `runCheck(check, ctx)`: the whole run against real endpoints; see check-context.ts for a ctx.
 */
import type { CheckContext, CheckResult, LearnerVariables } from './check-contract.ts';
import type { AnyCheck } from './check-registry.ts';
import { classifyError, findCouldNotLook, toCapturedError } from './classify-error.ts';
import { couldNotLookResult, type FixContext } from './could-not-look-result.ts';

export interface CheckRun {
  stepId: string;
  result: CheckResult;
  /** What observe returned (or `{ $observeError }` when it threw): explains the result later. */
  snapshot: unknown;
  startedAt: string;
  /** Whole run, and the part spent in observe (the AWS/Docker calls). */
  durationMs: number;
  observeMs: number;
}

function fixContextFor(vars: LearnerVariables, options: Partial<FixContext> = {}): FixContext {
  return { env: options.env ?? process.env, region: vars.region, ...(options.timeoutSeconds !== undefined && { timeoutSeconds: options.timeoutSeconds }) };
}

function observeFailed(thrown: unknown, fix: FixContext): CheckResult {
  const error = toCapturedError(thrown);
  return couldNotLookResult(classifyError(error, 'observe') ?? { kind: 'observe-failed', error, where: 'observe' }, fix);
}

/** Classification, then the check's judge: what a fixture test calls. Pure apart from reading `env` for fix texts. */
export function evaluate(check: AnyCheck, snapshot: unknown, vars: LearnerVariables, fix: Partial<FixContext> = {}): CheckResult {
  const context = fixContextFor(vars, fix);
  if (snapshot && typeof snapshot === 'object' && '$observeError' in snapshot) {
    return observeFailed((snapshot as { $observeError: unknown }).$observeError, context);
  }
  const couldNotLook = findCouldNotLook(snapshot);
  if (couldNotLook) return couldNotLookResult(couldNotLook, context);
  try {
    return check.judge(snapshot, vars);
  } catch (thrown) {
    const error = toCapturedError(thrown);
    return couldNotLookResult({ kind: 'observe-failed', error, where: 'judge' }, context);
  }
}

export async function runCheck(check: AnyCheck, ctx: CheckContext, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CheckRun> {
  const startedAt = new Date();
  const t0 = performance.now();
  let snapshot: unknown;
  try {
    // An observer that ignores the signal still ends when the time is up.
    const aborted = new Promise<never>((_resolve, reject) => {
      if (ctx.signal.aborted) reject(ctx.signal.reason);
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
    });
    snapshot = await Promise.race([check.observe(ctx), aborted]);
  } catch (thrown) {
    snapshot = { $observeError: toCapturedError(thrown) };
  }
  const observeMs = performance.now() - t0;
  const timeoutSeconds = options.timeoutMs !== undefined ? Math.round(options.timeoutMs / 1000) : undefined;
  const result = evaluate(check, snapshot, ctx.vars, { ...(options.env && { env: options.env }), ...(timeoutSeconds !== undefined && { timeoutSeconds }) });
  return { stepId: check.id, result, snapshot, startedAt: startedAt.toISOString(), durationMs: performance.now() - t0, observeMs };
}
