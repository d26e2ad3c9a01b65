/**
 * The registry of step checks, keyed by step id (`lesson/step`). One line per module in
 * `checks/<lesson>/<step>.ts`; loaders are lazy so the CLI loads only the checks it runs.
 * Message texts need no entry: every `checks/<lesson>/messages.ts` is found by the renderer.
 */
import type { RegistryEntry } from '../src/checks/check-registry.ts';

export const checks: Record<string, RegistryEntry> = {
  'setup/docker': () => import('./setup/docker.ts'),
  'setup/aws-identity': () => import('./setup/aws-identity.ts'),
  'containers/first-run': () => import('./containers/first-run.ts'),
  'dockerfile/written': () => import('./dockerfile/written.ts'),
  'dockerfile/image-built': () => import('./dockerfile/image-built.ts'),
  'dockerfile/container-running': () => import('./dockerfile/container-running.ts'),
  'ecr/repository': () => import('./ecr/repository.ts'),
  'ecr/image-pushed': () => import('./ecr/image-pushed.ts'),
  'network/vpc': () => import('./network/vpc.ts'),
  'network/subnets': () => import('./network/subnets.ts'),
  'network/internet-gateway': () => import('./network/internet-gateway.ts'),
  'network/routes': () => import('./network/routes.ts'),
  'network/security-groups': () => import('./network/security-groups.ts'),
  'cluster/fargate': () => import('./cluster/fargate.ts'),
};
