/** What a step looks like to the learner right now, derived from the progress store. */
export type StepStatus = 'not-started' | 'pass' | 'fail' | 'pending' | 'error';

/**
 * What the server hands to every page it renders (`Astro.locals.workbook`). Pages never reach
 * into the server's modules directly, so the same pages work under `astro dev` and `npm start`.
 */
export interface WorkbookLocals {
  /** Made at each launch; our pages give it to the terminal in its first message. Never put in a URL. */
  launchSecret: string;
  /** Current status of each step that has been checked, keyed by step id. */
  stepStatuses(): Record<string, StepStatus>;
  /** The learner's variables (`region`, `accountId`, resource names) for `{{placeholders}}` in commands. */
  variables(): Record<string, string>;
}
