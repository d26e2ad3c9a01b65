/**
 * Everything the server needs for checks and progress, built once per workbook: the store in the
 * data folder, one check service per learner (made when that learner is first seen), live events,
 * the API, and the `locals` functions pages call while rendering (step statuses, placeholder values).
 */
import { createCheckService, type CheckService } from '../checks/check-service.ts';
import { openProgressStore } from '../progress/progress-store.ts';
import { dataDir } from '../settings/data-dir.ts';
import { createChecksApi } from './checks-api.ts';
import { createLiveEvents } from './live-events.ts';
import type { RequestGuard } from './request-guard.ts';
import type { WorkbookFeature } from './workbook.ts';
import type { StepStatus } from './workbook-locals.ts';

export interface ChecksFeature {
  feature: WorkbookFeature;
  stepStatuses(learner: string): Record<string, StepStatus>;
  variables(learner: string): Record<string, string>;
  /** The account id and ARN, once known, for the settings panel. */
  identity(learner: string): { accountId: string; arn: string } | undefined;
}

export interface ChecksFeatureOptions {
  dataDir?: string;
  /** Learners whose variables and identity are looked up at start (solo: the one learner), so the first page already has them. */
  warm?: string[];
}

export function createChecksFeature(guard: RequestGuard, options: ChecksFeatureOptions = {}): ChecksFeature {
  const store = openProgressStore(options.dataDir ?? dataDir());
  const services = new Map<string, CheckService>();
  const refreshVariables = (learner: string) => void serviceFor(learner).variables().catch(() => undefined);
  const live = createLiveEvents(store, { onSettingsChanged: refreshVariables });

  function serviceFor(learner: string): CheckService {
    const known = services.get(learner);
    if (known) return known;
    const service = createCheckService(store.forLearner(learner));
    services.set(learner, service);
    void service.variables().catch(() => undefined);
    // Ask STS who the learner is in the background; pages show placeholders until it answers.
    void service.refreshIdentity().then((found) => {
      if (found) {
        void service.variables().catch(() => undefined);
        live.changed();
      }
    });
    return service;
  }
  for (const learner of options.warm ?? []) serviceFor(learner);

  const api = createChecksApi(serviceFor, live, guard, store.notice);
  return {
    feature: api,
    stepStatuses: (learner) => store.forLearner(learner).statuses(),
    variables: (learner) => {
      const service = serviceFor(learner);
      const identity = service.identity();
      return { ...service.cachedPlaceholders(), ...(identity && { accountId: identity.accountId }) };
    },
    identity: (learner) => serviceFor(learner).identity(),
  };
}
