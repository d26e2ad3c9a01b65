/**
 * The one import door for check modules in `checks/`: `import { defineCheck, capture, … } from
 * '#check-kit'` (package.json "imports"; Node resolves it natively, and so do Vite and TypeScript).
 * Everything a check author needs, and nothing of the engine's inner workings: the contract, the
 * "could not look" vocabulary, result roll-up, AWS and Docker observation helpers.
 */
export * from './check-contract.ts';
export { diagnose } from './classify-error.ts';
export { couldNotLookAt, couldNotLookItem } from './could-not-look-result.ts';
export { cliRegion } from './aws-region.ts';
export type { ToolName, ToolVersion } from './tool-versions.ts';
export * from './shared/aws-lesson-helpers.ts';
export * from './shared/common-messages.ts';
export * from './shared/docker-observe.ts';
export * from './shared/near-miss.ts';
export * from './shared/other-regions.ts';
export { found, missingResource } from '../resources/found.ts';
export { shellQuote } from '../lessons/command-variables.ts';
export * from './shared/restore-variables.ts';
