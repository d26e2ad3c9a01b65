/**
 * The registry of step checks, keyed by step id (`lesson/step`). One line per module in
 * `checks/<lesson>/<step>.ts`; loaders are lazy so the CLI loads only the checks it runs.
 * Message texts need no entry: every `checks/<lesson>/messages.ts` is found by the renderer.
 */
import type { RegistryEntry } from '../src/checks/check-registry.ts';

export const checks: Record<string, RegistryEntry> = {
  'setup/docker': () => import('./setup/docker.ts'),
  'setup/aws-identity': () => import('./setup/aws-identity.ts'),
  // lessons 01–05
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
  // lessons 06–12
  'task-definition/execution-role': () => import('./task-definition/execution-role.ts'),
  'task-definition/registered': () => import('./task-definition/registered.ts'),
  'standalone-task/running': () => import('./standalone-task/running.ts'),
  'standalone-task/stopped': () => import('./standalone-task/stopped.ts'),
  'service/load-balancer': () => import('./service/load-balancer.ts'),
  'service/running': () => import('./service/running.ts'),
  'service/healthy-targets': () => import('./service/healthy-targets.ts'),
  'service/reachable': () => import('./service/reachable.ts'),
  'self-healing/replaced': () => import('./self-healing/replaced.ts'),
  'self-healing/scaled-out': () => import('./self-healing/scaled-out.ts'),
  'new-version/rolled-out': () => import('./new-version/rolled-out.ts'),
  'cleanup/billable-gone': () => import('./cleanup/billable-gone.ts'),
  'cleanup/all-gone': () => import('./cleanup/all-gone.ts'),
  'cloudformation/stack-complete': () => import('./cloudformation/stack-complete.ts'),
  'cloudformation/stack-deleted': () => import('./cloudformation/stack-deleted.ts'),
};
