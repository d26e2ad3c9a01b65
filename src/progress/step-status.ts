/**
 * What a step looks like to the learner right now, derived from the progress store. It belongs to
 * progress, not to the server: the store, the CLI and the pages all speak it.
 */
export type StepStatus = 'not-started' | 'pass' | 'fail' | 'pending' | 'error';
