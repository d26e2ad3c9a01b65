/**
 * What the server and the CLI share: the store, the learner's settings and variables, and
 * "run this step's check and record it". Keeping it here means a Check click and
 * `ecs-workbook check` (in the workbook's terminal; `npx ecs-workbook check` in the project folder) do exactly the same thing and land in the same file.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Language } from '../i18n/languages.ts';
import type { Attempt, LearnerStore } from '../progress/progress-store.ts';
import { learnerVariables, placeholderValues } from '../settings/learner-variables.ts';
import { parseSettings, parseStoredSettings, type Settings } from '../settings/settings-schema.ts';
import { createAwsClients, destroyAwsClients } from './aws-clients.ts';
import { resolveRegion, type ResolvedRegion } from './aws-region.ts';
import type { LearnerVariables } from './check-contract.ts';
import { defaultCheckTimeoutMs } from './check-context.ts';
import { inProcessRunner, type CheckRunner } from './check-runner.ts';
import type { AnyCheck, CheckRegistry } from './check-registry.ts';
import type { CourseChecks } from './course-checks.ts';
import { renderResult, type RenderedResult } from './render-message.ts';
import type { CheckRun } from './run-check.ts';

export interface Identity { accountId: string; arn: string }

/** How long a remembered caller identity is trusted before STS is asked again. */
const identityFreshMs = 15 * 60_000;

export interface CheckService {
  /** The one learner this service acts for. */
  store: LearnerStore;
  registry(): Promise<CheckRegistry>;
  settings(): Settings;
  saveSettings(input: unknown): { ok: true; settings: Settings } | { ok: false; problems: { field: string; message: string }[] };
  region(): Promise<ResolvedRegion>;
  identity(): Identity | undefined;
  /** Asks STS who the learner is (needs no permission); remembers it. Undefined when it cannot. */
  refreshIdentity(timeoutMs?: number): Promise<Identity | undefined>;
  variables(): Promise<LearnerVariables>;
  /** The last computed placeholder values, for synchronous page rendering. */
  cachedPlaceholders(): Record<string, string>;
  /**
   * Runs a step's check and records it. `runStartedAt` (ISO) is when the learner asked: a CLI
   * invocation checking several steps, or watching, passes its own start so none of its runs is
   * judged by a lesson start recorded by an earlier one of them. Default: now.
   */
  run(stepId: string, options?: { source?: string; check?: AnyCheck; timeoutMs?: number; runStartedAt?: string }): Promise<{ attempt: Attempt; run: CheckRun }>;
  render(attempt: Attempt, lang: Language): Promise<RenderedResult>;
}

/** A check service for one learner: `store` is that learner's view of the progress file. */
export function createCheckService(store: LearnerStore, options: { checks: CourseChecks; env?: NodeJS.ProcessEnv; runner?: CheckRunner; checkTimeoutMs?: number; workspace?: string }): CheckService {
  const env = options.env ?? process.env;
  // Where observe runs: here in solo mode; a workshop passes one that runs it in the learner's sandbox.
  const runner = options.runner ?? inProcessRunner(env);
  let placeholders: Record<string, string> = {};

  const settings = (): Settings => {
    return parseStoredSettings(store.getSettings()).settings;
  };
  const identity = () => store.getCached<Identity>('identity')?.value;
  const region = () => resolveRegion(settings().region, env);

  const service: CheckService = {
    store,
    registry: () => Promise.resolve(options.checks.registry),
    settings,
    saveSettings(input) {
      const parsed = parseSettings(input);
      if (parsed.ok) store.putSettings(parsed.settings as Record<string, unknown>);
      return parsed;
    },
    region,
    identity,
    async refreshIdentity(timeoutMs = 8000) {
      if (runner.identity) {
        const found = await runner.identity(timeoutMs).catch(() => undefined);
        if (found) store.putCached('identity', found);
        return found;
      }
      const { region: current } = await region();
      const aws = createAwsClients({ region: current, requestTimeoutMs: timeoutMs, maxAttempts: 2 });
      try {
        const answer = await aws.sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(timeoutMs) });
        if (!answer.Account || !answer.Arn) return undefined;
        const found = { accountId: answer.Account, arn: answer.Arn };
        store.putCached('identity', found);
        return found;
      } catch {
        return undefined; // the setup/aws-identity check explains why, with the fix
      } finally {
        destroyAwsClients(aws);
      }
    },
    async variables() {
      const { region: current } = await region();
      const vars = learnerVariables(settings(), { region: current, accountId: identity()?.accountId, workspace: options.workspace });
      placeholders = placeholderValues(vars);
      return vars;
    },
    cachedPlaceholders: () => placeholders,
    async run(stepId, runOptions = {}) {
      const runStartedAt = runOptions.runStartedAt ?? new Date().toISOString();
      const check = runOptions.check ?? (await (await service.registry()).load(stepId));
      const timeoutMs = runOptions.timeoutMs ?? options.checkTimeoutMs ?? defaultCheckTimeoutMs;
      // One deadline for the whole run, identity lookup included: a stalled endpoint ends it on time.
      const deadline = Date.now() + timeoutMs;
      const remembered = store.getCached<Identity>('identity');
      // Later checks compare account ids (image URIs, role ARNs); the setup checks do not need one.
      if (!stepId.startsWith('setup/') && (!remembered || Date.now() - Date.parse(remembered.updatedAt) > identityFreshMs)) {
        await service.refreshIdentity(Math.min(8000, timeoutMs));
      }
      const vars = await service.variables();
      const lesson = stepId.split('/')[0]!;
      // Only a start recorded before this run counts (opening the lesson page records one): a
      // terminal-first learner's work done before their first Check must still pass.
      const lessonStartedAt = store.lessonStartedBefore(lesson, runStartedAt);
      const run = await runner.run({ check, vars, ...(lessonStartedAt && { lessonStartedAt }), timeoutMs, remainingMs: Math.max(1000, deadline - Date.now()) });
      // The identity check's pass is the freshest word on who the learner is.
      const found = run.result.status === 'pass' ? run.result.resources.find((r) => r.type === 'account') : undefined;
      if (found?.name) store.putCached('identity', { accountId: found.name, arn: found.id });
      // The first Check that finds the work still to do (fail, or pending) marks the lesson as
      // started, so later runs can tell fresh work from leftovers of an earlier try. A pass does
      // not: the work was already done, and a later re-check must not turn it into a failure; an
      // error does not either: the workbook could not look, so it knows nothing about the work.
      if (run.result.status === 'fail' || run.result.status === 'pending') store.markLessonStarted(lesson, runStartedAt);
      const attempt = store.record({ step: stepId, result: run.result, snapshot: run.snapshot, source: runOptions.source ?? 'cli', durationMs: run.durationMs });
      return { attempt, run };
    },
    async render(attempt, lang) {
      return renderResult(attempt.result, lang, await options.checks.dictionaries());
    },
  };
  return service;
}
