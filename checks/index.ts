/**
 * The registry of step checks, keyed by step id (`lesson/step`). One line per module in
 * `checks/<lesson>/<step>.ts`; loaders are lazy so the CLI loads only the checks it runs.
 * Message texts need no entry: every `checks/<lesson>/messages.ts` is found by the renderer.
 */
import type { RegistryEntry } from '../src/checks/check-registry.ts';

export const checks: Record<string, RegistryEntry> = {
  'setup/docker': () => import('./setup/docker.ts'),
  'setup/aws-identity': () => import('./setup/aws-identity.ts'),
};
