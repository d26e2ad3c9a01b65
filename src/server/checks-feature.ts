/**
 * Everything the server needs for checks and progress, built once per workbook: the store in the
 * data folder, one check service per learner (made when that learner is first seen), live events,
 * the API, and the `locals` functions pages call while rendering (step statuses, placeholder values).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCheckService, type CheckService } from '../checks/check-service.ts';
import type { CourseChecks } from '../checks/course-checks.ts';
import type { CheckRunner } from '../checks/check-runner.ts';
import { openLearnerStore } from '../progress/open-learner-store.ts';
import { openProgressStore, ProgressStoreError, type ProgressStore } from '../progress/progress-store.ts';
import { createChecksApi } from './checks-api.ts';
import { createLiveEvents, type LiveEvents } from './live-events.ts';
import type { RequestGuard } from './request-guard.ts';
import type { WorkbookFeature } from './feature.ts';
import type { StepStatus } from '../progress/step-status.ts';

export interface ChecksFeature {
  feature: WorkbookFeature;
  /** The one progress store (other features, such as a workshop's room, read it too). */
  store: ProgressStore;
  /** The one live-event hub: a feature that writes to the store calls `changed()`. */
  live: LiveEvents;
  stepStatuses(learner: string): Record<string, StepStatus>;
  variables(learner: string): Record<string, string>;
  /** The account id and ARN, once known, for the settings panel. */
  identity(learner: string): { accountId: string; arn: string } | undefined;
}

export interface ChecksFeatureOptions {
  checks: CourseChecks;
  dataDir: string;
  checkTimeoutMs?: number;
  workspace?: string;
  /** Learners whose variables and identity are looked up at start (solo: the one learner), so the first page already has them. */
  warm?: string[];
  /** Where a learner's checks run (a workshop: inside their sandbox); default this process. */
  runnerFor?: (learner: string) => CheckRunner;
}

/**
 * The progress store, or, when its file cannot be used at all (a damaged one is already replaced
 * by the store itself), a temporary one: the workbook always starts, and says what was lost.
 */
function openStoreOrTemporary(dir: string): { store: ProgressStore; notice?: string } {
  try {
    const store = openLearnerStore(dir);
    return { store, ...(store.notice && { notice: store.notice }) };
  } catch (error) {
    if (!(error instanceof ProgressStoreError)) throw error;
    const notice = `${error.message} Until then, progress is kept in a temporary folder and is lost when the workbook stops.`;
    console.error(notice);
    return { store: openProgressStore(mkdtempSync(join(tmpdir(), 'ecs-workbook-unsaved-'))), notice };
  }
}

/** A page must render even when the store fails; the API and the CLI report the failure. */
function orElse<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ProgressStoreError)) throw error;
    console.error(error.message);
    return fallback;
  }
}

export function createChecksFeature(guard: RequestGuard, options: ChecksFeatureOptions): ChecksFeature {
  const { store, notice } = openStoreOrTemporary(options.dataDir);
  const services = new Map<string, CheckService>();
  const refreshVariables = (learner: string) => void serviceFor(learner).variables().catch(() => undefined);
  const live = createLiveEvents(store, { onSettingsChanged: refreshVariables });

  function serviceFor(learner: string): CheckService {
    const known = services.get(learner);
    if (known) return known;
    const service = createCheckService(store.forLearner(learner), { checks: options.checks, ...(options.checkTimeoutMs && { checkTimeoutMs: options.checkTimeoutMs }), ...(options.workspace && { workspace: options.workspace }), ...(options.runnerFor && { runner: options.runnerFor(learner) }) });
    services.set(learner, service);
    void service.variables().catch(() => undefined);
    // Ask STS who the learner is in the background; pages show placeholders until it answers.
    void service
      .refreshIdentity()
      .then((found) => {
        if (found) {
          void service.variables().catch(() => undefined);
          live.changed();
        }
      })
      .catch((error: Error) => console.error(error.message));
    return service;
  }
  for (const learner of options.warm ?? []) serviceFor(learner);

  const api = createChecksApi(serviceFor, live, guard, notice);
  return {
    feature: api,
    store,
    live,
    stepStatuses: (learner) => orElse(() => store.forLearner(learner).statuses(), {}),
    variables: (learner) => {
      const service = serviceFor(learner);
      const identity = orElse(() => service.identity(), undefined);
      return { ...service.cachedPlaceholders(), ...(identity && { accountId: identity.accountId }) };
    },
    identity: (learner) => orElse(() => serviceFor(learner).identity(), undefined),
  };
}
