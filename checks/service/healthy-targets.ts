/**
 * service/healthy-targets: as many healthy targets as the service wants, and they are its tasks'
 * IPs on port 3000. Every unhealthy target's reason is explained (Target.Timeout → the task
 * security group, ResponseCodeMismatch → the health-check path, …); `initial` is pending.
 */
import { defineCheck, errorItem, failedToLook, identityItems, isCaptured, observeBase, result, type BaseSnapshot, type CapturedError, type CheckContext, type CheckItem, type LearnerVariables, type Observed } from '#check-kit';
import { listTasks, serviceGroup, type TaskView } from '../standalone-task/ecs-tasks.ts';
import { groupId, observeNetwork, type NetworkView } from './network-lookup.ts';
import { activeService, observeLoadBalancer, observeService, observeTargets, type LoadBalancerView, type ServiceObservation, type TargetsObservation } from './service-state.ts';
import { targetItems } from './target-items.ts';
import { serviceTaskResources, targetGroupResources, targetResources } from './service-state.ts';
import type { FoundResource } from '#check-kit';

const lesson = 'service';
const key = (suffix: string) => `${lesson}.healthy-targets.${suffix}`;

export interface HealthyTargetsSnapshot extends BaseSnapshot {
  service: ServiceObservation;
  targets: TargetsObservation;
  tasks?: TaskView[] | CapturedError;
  loadBalancer?: Observed<{ loadBalancer?: LoadBalancerView }>;
  network?: Observed<NetworkView>;
}

export async function observeHealthyTargets(ctx: CheckContext, vars: LearnerVariables): Promise<HealthyTargetsSnapshot> {
  const [base, service, targets, tasks, loadBalancer, network] = await Promise.all([
    observeBase(ctx),
    observeService(ctx, vars.cluster, vars.service),
    observeTargets(ctx, vars.targetGroup),
    listTasks(ctx, vars.cluster, 'RUNNING', serviceGroup(vars.service)),
    observeLoadBalancer(ctx, vars.loadBalancer),
    observeNetwork(ctx),
  ]);
  return { ...base, service, targets, tasks, loadBalancer, network };
}

export function judgeHealthyTargets(snapshot: HealthyTargetsSnapshot, vars: LearnerVariables, minimumDesired = 1): CheckItem[] {
  const items: CheckItem[] = identityItems(snapshot);
  for (const [call, value] of [
    ['ecs:DescribeServices', snapshot.service],
    ['elbv2:DescribeTargetGroups', snapshot.targets.targetGroup],
    ['elbv2:DescribeTargetHealth', snapshot.targets.health],
    ['ecs:ListTasks', snapshot.tasks],
  ] as const) {
    if (failedToLook(value)) return [...items, errorItem(call, value)];
  }
  const service = activeService(snapshot.service);
  if (!service) {
    items.push({ id: 'service', status: 'fail', label: { key: key('service.label'), params: { service: vars.service } }, expected: 'ACTIVE', actual: { key: 'value.not-found' }, hint: { key: key('service.missing') } });
    return items;
  }
  const desired = Math.max(service.desiredCount ?? 0, minimumDesired);
  const lb = snapshot.loadBalancer && !isCaptured(snapshot.loadBalancer) ? snapshot.loadBalancer.loadBalancer : undefined;
  const tasks = snapshot.tasks && !isCaptured(snapshot.tasks) ? snapshot.tasks : undefined;
  items.push(...targetItems(snapshot.targets, desired, tasks, {
    vars,
    albSgId: groupId(snapshot.network, vars.albSecurityGroup),
    taskSgId: groupId(snapshot.network, vars.taskSecurityGroup),
    loadBalancerArn: lb?.LoadBalancerArn,
  }));
  return items;
}

export default defineCheck<HealthyTargetsSnapshot>({
  id: 'service/healthy-targets',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws elbv2 describe-target-health --region {{region}} --target-group-arn $(aws elbv2 describe-target-groups --region {{region}} --names {{targetGroup}} --query 'TargetGroups[0].TargetGroupArn' --output text) --query 'TargetHealthDescriptions[].[Target.Id,TargetHealth.State,TargetHealth.Reason,TargetHealth.Description]' --output table",
  ],
  observe: (ctx) => observeHealthyTargets(ctx, ctx.vars),
  judge: (snapshot, vars) => result(lesson, judgeHealthyTargets(snapshot, vars), healthyTargetsResources(snapshot, vars)),
});

/**
 * What this check saw, for the map and the cost panel: the service, its running tasks (with their
 * public IPv4 addresses when the service gives them one), the target group and its targets.
 * Nothing when a read failed: a check that could not look says nothing about what exists.
 */
export function healthyTargetsResources(snapshot: HealthyTargetsSnapshot, vars: LearnerVariables): FoundResource[] {
  if (isCaptured(snapshot.service) || isCaptured(snapshot.targets.targetGroup) || (snapshot.tasks && isCaptured(snapshot.tasks))) return [];
  const health = snapshot.targets.health && !isCaptured(snapshot.targets.health) ? snapshot.targets.health.TargetHealthDescriptions : undefined;
  return [
    ...serviceTaskResources(snapshot.service, snapshot.tasks, snapshot.region, vars.service),
    ...targetGroupResources(snapshot.targets.targetGroup.targetGroup, snapshot.region, vars.targetGroup),
    ...targetResources(health, snapshot.region, vars.targetGroup),
  ];
}
