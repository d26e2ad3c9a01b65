/** Every step check of the course, in course order. */
import taskDefinitionExecutionRole from './task-definition/execution-role.ts';
import taskDefinitionRegistered from './task-definition/registered.ts';
import standaloneTaskRunning from './standalone-task/running.ts';
import standaloneTaskStopped from './standalone-task/stopped.ts';
import serviceLoadBalancer from './service/load-balancer.ts';
import serviceRunning from './service/running.ts';
import serviceHealthyTargets from './service/healthy-targets.ts';
import serviceReachable from './service/reachable.ts';
import selfHealingReplaced from './self-healing/replaced.ts';
import selfHealingScaledOut from './self-healing/scaled-out.ts';
import newVersionRolledOut from './new-version/rolled-out.ts';
import cleanupBillableGone from './cleanup/billable-gone.ts';
import cleanupAllGone from './cleanup/all-gone.ts';
import cloudformationStackComplete from './cloudformation/stack-complete.ts';
import cloudformationStackDeleted from './cloudformation/stack-deleted.ts';

export const checks = [
  // lessons 06–12
  taskDefinitionExecutionRole,
  taskDefinitionRegistered,
  standaloneTaskRunning,
  standaloneTaskStopped,
  serviceLoadBalancer,
  serviceRunning,
  serviceHealthyTargets,
  serviceReachable,
  selfHealingReplaced,
  selfHealingScaledOut,
  newVersionRolledOut,
  cleanupBillableGone,
  cleanupAllGone,
  cloudformationStackComplete,
  cloudformationStackDeleted,
];
