/**
 * service/running: the service is ACTIVE on Fargate with the target group attached, one PRIMARY
 * deployment COMPLETED and running == desired. A rollout still in progress is pending; tasks that
 * keep failing are explained by the newest stopped task's cause.
 */
import { withRestoredVariables, defineCheck, errorItem, failedToLook, familyRevisionOf, identityItems, isCaptured, lookInOtherRegions, observeBase, result, withOtherRegions, type BaseSnapshot, type CapturedError, type CheckItem, type LearnerVariables, type Observed } from '#check-kit';
import { listTasks, serviceGroup, type TaskView } from '../standalone-task/ecs-tasks.ts';
import { stopItem } from '../standalone-task/stop-item.ts';
import { diagnoseStoppedTask, observeExitLogs, type ExitLogs } from '../standalone-task/stopped-task-diagnosis.ts';
import {
  activeService,
  observeService,
  observeTargets,
  observeTaskDefinition,
  type ServiceObservation,
  type ServiceView,
  type TargetGroupView,
  type TaskDefinitionView,
} from './service-state.ts';
import { serviceResources } from './service-state.ts';
import { missingResource } from '#check-kit';

const lesson = 'service';
const key = (suffix: string) => `${lesson}.running.${suffix}`;

export interface ServiceRunningSnapshot extends BaseSnapshot {
  service: ServiceObservation;
  taskDefinition?: Observed<TaskDefinitionView>;
  latestTaskDefinition?: Observed<TaskDefinitionView>;
  targetGroup?: Observed<{ targetGroup?: TargetGroupView }>;
  stopped?: TaskView[] | CapturedError;
  exitLogs?: ExitLogs[];
}

// The lesson's variables are looked up again first: a fix is often run from a fresh terminal.
export const createServiceFix = (vars: LearnerVariables, containerName = 'app') => withRestoredVariables(vars,
  `aws ecs create-service --region ${vars.region} --cluster ${vars.cluster} --service-name ${vars.service} --task-definition ${vars.taskFamily} --desired-count 2 --launch-type FARGATE --health-check-grace-period-seconds 30 --network-configuration "awsvpcConfiguration={subnets=[$PUBLIC_A,$PUBLIC_C],securityGroups=[$TASK_SG],assignPublicIp=ENABLED}" --load-balancers targetGroupArn=$TG_ARN,containerName=${containerName},containerPort=3000 --deployment-configuration 'deploymentCircuitBreaker={enable=true,rollback=true}'`);

export const serviceNetworkFix = (vars: LearnerVariables) => withRestoredVariables(vars,
  `aws ecs update-service --region ${vars.region} --cluster ${vars.cluster} --service ${vars.service} --network-configuration "awsvpcConfiguration={subnets=[$PUBLIC_A,$PUBLIC_C],securityGroups=[$TASK_SG],assignPublicIp=ENABLED}" --force-new-deployment`);

export async function observeServiceRunning(ctx: Parameters<typeof observeService>[0], vars: LearnerVariables): Promise<ServiceRunningSnapshot> {
  const snapshot: ServiceRunningSnapshot = { ...(await observeBase(ctx)), service: await observeService(ctx, vars.cluster, vars.service) };
  const service = activeService(snapshot.service);
  if (!service) {
    const noCluster = isCaptured(snapshot.service) && snapshot.service.$error.name === 'ClusterNotFoundException';
    if (noCluster || !isCaptured(snapshot.service)) {
      snapshot.foundIn = await lookInOtherRegions(ctx, noCluster ? { kind: 'cluster', cluster: vars.cluster } : { kind: 'service', cluster: vars.cluster, service: vars.service });
    }
    return snapshot;
  }
  const [taskDefinition, targets, stopped] = await Promise.all([
    service.taskDefinition ? observeTaskDefinition(ctx, service.taskDefinition) : undefined,
    observeTargets(ctx, vars.targetGroup),
    listTasks(ctx, vars.cluster, 'STOPPED', serviceGroup(vars.service)),
  ]);
  if (taskDefinition) snapshot.taskDefinition = taskDefinition;
  snapshot.targetGroup = targets.targetGroup;
  snapshot.stopped = stopped;
  const family = taskDefinition && !isCaptured(taskDefinition) ? taskDefinition.family : undefined;
  if (family) snapshot.latestTaskDefinition = await observeTaskDefinition(ctx, family);
  const newest = isCaptured(stopped) ? undefined : stopped[0];
  const logs = newest && (await observeExitLogs(ctx, newest));
  if (logs) snapshot.exitLogs = [logs];
  return snapshot;
}

export default defineCheck<ServiceRunningSnapshot>({
  id: 'service/running',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ecs describe-services --region {{region}} --cluster {{cluster}} --services {{service}} --query 'services[0].[status,desiredCount,runningCount,deployments[0].rolloutState]'",
    "aws ecs describe-services --region {{region}} --cluster {{cluster}} --services {{service}} --query 'services[0].events[:5].[createdAt,message]' --output text",
    "aws logs tail {{logGroup}} --region {{region}} --since 15m",
  ],
  observe: (ctx) => observeServiceRunning(ctx, ctx.vars),
  judge: (snapshot, vars) => judgeServiceRunning(snapshot, vars),
});

export function judgeServiceRunning(snapshot: ServiceRunningSnapshot, vars: LearnerVariables) {
  const items: CheckItem[] = identityItems(snapshot);
  if (isCaptured(snapshot.service)) {
    if (snapshot.service.$error.name === 'ClusterNotFoundException') {
      items.push(withOtherRegions({ id: 'service', status: 'fail', label: { key: key('service.label'), params: { service: vars.service } }, expected: vars.cluster, actual: { key: 'value.cluster-not-found' }, hint: { key: key('service.no-cluster') }, fix: `aws ecs create-cluster --region ${vars.region} --cluster-name ${vars.cluster}` }, lesson, snapshot.foundIn, vars.cluster, vars.region));
      return result(lesson, items, [...missingResource('cluster', snapshot.region, vars.cluster), ...missingResource('service', snapshot.region, vars.service)]);
    }
    return result(lesson, [...items, errorItem('ecs:DescribeServices', snapshot.service)]);
  }
  const service = activeService(snapshot.service);
  const serviceLabel = { key: key('service.label'), params: { service: vars.service } };
  if (!service) {
    const status = snapshot.service.service?.status ?? snapshot.service.missing ?? 'MISSING';
    items.push(withOtherRegions({ id: 'service', status: 'fail', label: serviceLabel, expected: 'ACTIVE', actual: status, hint: { key: key('service.missing') }, fix: createServiceFix(vars, containerNameOf(snapshot)) }, lesson, snapshot.foundIn, vars.service, vars.region));
    return result(lesson, items, serviceResources(snapshot.service, snapshot.region, vars.service));
  }
  for (const [call, value] of [['ecs:DescribeTaskDefinition', snapshot.taskDefinition], ['elbv2:DescribeTargetGroups', snapshot.targetGroup], ['ecs:ListTasks', snapshot.stopped]] as const) {
    if (failedToLook(value)) return result(lesson, [...items, errorItem(call, value)]);
  }
  if (service.status === 'DRAINING') {
    items.push({ id: 'service', status: 'fail', label: serviceLabel, expected: 'ACTIVE', actual: 'DRAINING', hint: { key: key('service.draining') }, fix: createServiceFix(vars, containerNameOf(snapshot)) });
    return result(lesson, items, serviceResources(snapshot.service, snapshot.region, vars.service));
  }
  items.push({ id: 'service', status: 'pass', label: serviceLabel });
  const fargate = service.launchType === 'FARGATE' || (service.capacityProviders ?? []).some((p) => p.startsWith('FARGATE'));
  items.push(fargate
    ? { id: 'fargate', status: 'pass', label: { key: key('fargate.label') } }
    : { id: 'fargate', status: 'fail', label: { key: key('fargate.label') }, expected: 'FARGATE', actual: service.launchType ?? (service.capacityProviders ?? []).join(', '), hint: { key: key('fargate.hint') } });
  items.push(...loadBalancerItems(service, snapshot, vars));
  items.push(...rolloutItems(service, snapshot, vars));
  items.push(revisionItem(service, snapshot, vars));
  return result(lesson, items, serviceResources(snapshot.service, snapshot.region, vars.service));
}

function containerNameOf(snapshot: ServiceRunningSnapshot): string {
  const definition = snapshot.taskDefinition;
  return (definition && !isCaptured(definition) && definition.containerName) || 'app';
}

function loadBalancerItems(service: ServiceView, snapshot: ServiceRunningSnapshot, vars: LearnerVariables): CheckItem[] {
  const tg = snapshot.targetGroup && !isCaptured(snapshot.targetGroup) ? snapshot.targetGroup.targetGroup : undefined;
  const container = containerNameOf(snapshot);
  const attached = (service.loadBalancers ?? []).find((lb) => !tg?.TargetGroupArn || lb.targetGroupArn === tg.TargetGroupArn);
  const label = { key: key('load-balancer.label'), params: { targetGroup: vars.targetGroup } };
  const fix = `aws ecs update-service --region ${vars.region} --cluster ${vars.cluster} --service ${vars.service} --load-balancers targetGroupArn=${tg?.TargetGroupArn ?? '$TG_ARN'},containerName=${container},containerPort=3000`;
  const items: CheckItem[] = [];
  if (!attached) {
    items.push({ id: 'load-balancer', status: 'fail', label, expected: `${vars.targetGroup} → ${container}:3000`, actual: (service.loadBalancers ?? []).map((lb) => lb.targetGroupArn?.split('/')[1]).join(', ') || '(no load balancer)', hint: { key: key('load-balancer.hint') }, fix });
  } else if (attached.containerPort !== 3000 || attached.containerName !== container) {
    items.push({ id: 'load-balancer', status: 'fail', label, expected: `${container}:3000`, actual: `${attached.containerName}:${attached.containerPort}`, hint: { key: key('load-balancer.container') }, fix });
  } else {
    items.push({ id: 'load-balancer', status: 'pass', label });
  }
  // moto drops the grace period at CreateService; AWS keeps it. Worth knowing, not a failure.
  if (service.healthCheckGracePeriodSeconds !== 30) {
    items.push({
      id: 'grace-period', status: 'warn', label: { key: key('grace-period.label') }, expected: '30', actual: String(service.healthCheckGracePeriodSeconds ?? 0),
      hint: { key: key('grace-period.hint') }, fix: `aws ecs update-service --region ${vars.region} --cluster ${vars.cluster} --service ${vars.service} --health-check-grace-period-seconds 30`,
    });
  }
  return items;
}

/** The newest stopped task of the service that stopped because something is wrong. */
export function failingTask(snapshot: { stopped?: TaskView[] | CapturedError; exitLogs?: ExitLogs[] }, vars: LearnerVariables, since?: string): TaskView | undefined {
  if (!snapshot.stopped || isCaptured(snapshot.stopped)) return undefined;
  return snapshot.stopped.find((task) =>
    (!since || (task.stoppedAt ?? task.createdAt ?? '') >= since) && diagnoseStoppedTask(task, vars, snapshot.exitLogs).failure);
}

function rolloutItems(service: ServiceView, snapshot: ServiceRunningSnapshot, vars: LearnerVariables): CheckItem[] {
  const primary = service.deployments.find((d) => d.status === 'PRIMARY') ?? service.deployments[0];
  const label = { key: key('deployment.label') };
  const counts = { key: key('counts.label') };
  const countsText = `desired ${service.desiredCount}, running ${service.runningCount}, pending ${service.pendingCount}`;
  const failing = failingTask(snapshot, vars, primary?.createdAt);
  const breaker = service.events.find((e) => /unable to consistently start tasks successfully/i.test(e.message ?? ''));
  const items: CheckItem[] = [];
  if (primary?.rolloutState === 'FAILED' || breaker) {
    items.push({ id: 'deployment', status: 'fail', label, expected: 'COMPLETED', actual: `FAILED${primary?.rolloutStateReason ? `: ${primary.rolloutStateReason}` : ''}`, hint: { key: key('deployment.failed') } });
  } else if (service.deployments.length > 1 || primary?.rolloutState === 'IN_PROGRESS') {
    items.push({ id: 'deployment', status: failing ? 'fail' : 'pending', label, expected: '1 deployment, COMPLETED', actual: `${service.deployments.length} deployment(s), ${primary?.rolloutState ?? '-'}`, hint: { key: key(failing ? 'deployment.failing' : 'deployment.in-progress') } });
  } else {
    items.push({ id: 'deployment', status: 'pass', label, actual: primary?.rolloutState ?? primary?.status });
  }
  const steady = service.runningCount === service.desiredCount && service.pendingCount === 0 && (service.desiredCount ?? 0) > 0;
  if (steady) items.push({ id: 'counts', status: 'pass', label: counts, actual: countsText });
  else if ((service.desiredCount ?? 0) === 0) {
    items.push({ id: 'counts', status: 'fail', label: counts, expected: { key: 'value.desired-2' }, actual: countsText, hint: { key: key('counts.zero') }, fix: `aws ecs update-service --region ${vars.region} --cluster ${vars.cluster} --service ${vars.service} --desired-count 2` });
  } else items.push({ id: 'counts', status: failing ? 'fail' : 'pending', label: counts, expected: `running ${service.desiredCount}`, actual: countsText, hint: { key: key(failing ? 'counts.failing' : 'counts.starting') } });
  if (failing && !steady) items.push(stopItem('stopped-task', { key: key('stopped-task.label') }, failing, vars, snapshot.exitLogs, serviceNetworkFix(vars)));
  if (service.desiredCount !== undefined && service.desiredCount !== 2 && steady) {
    items.push({ id: 'desired', status: 'warn', label: { key: key('desired.label') }, expected: '2', actual: String(service.desiredCount), hint: { key: key('desired.hint') } });
  }
  return items;
}

function revisionItem(service: ServiceView, snapshot: ServiceRunningSnapshot, vars: LearnerVariables): CheckItem {
  const latest = snapshot.latestTaskDefinition && !isCaptured(snapshot.latestTaskDefinition) ? snapshot.latestTaskDefinition.taskDefinitionArn : undefined;
  const label = { key: key('revision.label') };
  // By family:revision: moto keeps `family:2` as update-service was given it, where AWS answers the ARN.
  if (!latest || familyRevisionOf(latest) === familyRevisionOf(service.taskDefinition)) return { id: 'revision', status: 'pass', label, actual: familyRevisionOf(service.taskDefinition) };
  return {
    id: 'revision', status: 'warn', label, expected: familyRevisionOf(latest), actual: familyRevisionOf(service.taskDefinition),
    hint: { key: key('revision.hint'), params: { revision: familyRevisionOf(service.taskDefinition) } },
    fix: `aws ecs update-service --region ${vars.region} --cluster ${vars.cluster} --service ${vars.service} --task-definition ${familyRevisionOf(latest)}`,
  };
}
