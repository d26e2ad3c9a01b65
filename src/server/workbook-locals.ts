import type { StepStatus } from '../progress/step-status.ts';
import type { Principal } from '../shared/principal.ts';

/**
 * What the server hands to every page it renders, made per request by `workbook.localsFor(req)` (`Astro.locals.workbook`). Pages never reach
 * into the server's modules directly, so the same pages work under `astro dev` and `npm start`.
 */
export interface WorkbookLocals {
  /** Whether this request carries the session cookie that signing in (`/#sign-in=…`) sets. */
  signedIn: boolean;
  /** Who the request is, when signed in: the instructor's room renders only for an instructor. */
  principal?: Principal;
  /**
   * Made at each launch; our pages give it to the terminal in its first message. Never put in a
   * URL. Present only when `signedIn`: a page fetched without the cookie (another local process
   * or user) must not learn it.
   */
  launchSecret?: string;
  /** Current status of each step that has been checked, keyed by step id. */
  stepStatuses(): Record<string, StepStatus>;
  /** For tests only (ECS_WORKBOOK_TEST_PENDING_DELAYS): shorter waits between re-checks of a pending result, "3,3". */
  testPendingDelays?: string;
  /** The learner's variables (`region`, `accountId`, resource names) for `{{placeholders}}` in commands. */
  variables(): Record<string, string>;
}
