/**
 * Everything the server needs for checks and progress, built once per workbook: the store in the
 * learner's data folder, the check service, live events, the API, and the two `locals` functions
 * pages call while rendering (step statuses, placeholder values).
 */
import { createCheckService } from '../checks/check-service.ts';
import type { CourseChecks } from '../checks/course-checks.ts';
import { openProgressStore } from '../progress/progress-store.ts';
import { createChecksApi } from './checks-api.ts';
import { createLiveEvents } from './live-events.ts';
import type { RequestGuard } from './request-guard.ts';
import type { WorkbookFeature } from './feature.ts';
import type { StepStatus } from '../progress/step-status.ts';

export interface ChecksFeature {
  feature: WorkbookFeature;
  stepStatuses(): Record<string, StepStatus>;
  variables(): Record<string, string>;
  /** The account id and ARN, once known, for the settings panel. */
  identity(): { accountId: string; arn: string } | undefined;
}

export function createChecksFeature(guard: RequestGuard, options: { checks: CourseChecks; dataDir: string; checkTimeoutMs?: number; workspace?: string }): ChecksFeature {
  const store = openProgressStore(options.dataDir);
  const service = createCheckService(store, { checks: options.checks, ...(options.checkTimeoutMs && { checkTimeoutMs: options.checkTimeoutMs }), ...(options.workspace && { workspace: options.workspace }) });
  const refreshVariables = () => void service.variables().catch(() => undefined);
  const live = createLiveEvents(store, { onSettingsChanged: refreshVariables });
  refreshVariables();
  // Ask STS who the learner is in the background; pages show placeholders until it answers.
  void service.refreshIdentity().then((found) => {
    if (found) {
      refreshVariables();
      live.changed();
    }
  });
  const api = createChecksApi(service, live, guard);
  return {
    feature: api,
    stepStatuses: () => store.statuses(),
    variables: () => {
      const identity = service.identity();
      return { ...service.cachedPlaceholders(), ...(identity && { accountId: identity.accountId }) };
    },
    identity: () => service.identity(),
  };
}
