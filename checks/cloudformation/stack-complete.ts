/**
 * cloudformation/stack-complete: the stack reached CREATE_COMPLETE (or UPDATE_COMPLETE), and the
 * service it built passes the same checks as the hand-built one: running, healthy targets, and
 * HTTP 200 through the load balancer. A stack still creating is pending; a rolled-back one shows
 * the first resource that failed and why.
 */
import { defineCheck, errorItem, failedToLook, identityItems, isCaptured, observeBase, result, type BaseSnapshot, type CheckItem } from '#check-kit';
import { judgeHealthyTargets, observeHealthyTargets, type HealthyTargetsSnapshot } from '../service/healthy-targets.ts';
import { judgeReachable, observeReachable, type ReachableSnapshot } from '../service/reachable.ts';
import { judgeServiceRunning, observeServiceRunning, type ServiceRunningSnapshot } from '../service/running.ts';
import { deployCommand, isCreating, observeStack, stackName, varsFromStack, type StackEventView, type StackObservation } from './stack-state.ts';
import { found, missingResource } from '#check-kit';
import { healthyTargetsResources } from '../service/healthy-targets.ts';
import { reachableResources } from '../service/reachable.ts';

const lesson = 'cloudformation';
const key = (suffix: string) => `${lesson}.stack-complete.${suffix}`;

export interface StackCompleteSnapshot extends BaseSnapshot, StackObservation {
  running?: ServiceRunningSnapshot;
  targets?: HealthyTargetsSnapshot;
  reachable?: ReachableSnapshot;
}

/**
 * Creating the load balancer and the service takes 3 to 6 minutes. Beyond this, the usual cause is
 * a service whose tasks never become healthy: ECS keeps replacing them and CloudFormation waits
 * (up to hours without the deployment circuit breaker).
 */
export const slowCreationMinutes = 15;

/** The newest resource event in words AWS wrote them: `Service (AWS::ECS::Service) CREATE_IN_PROGRESS: reason`. */
function describeEvent(event: StackEventView): string {
  const what = `${event.LogicalResourceId ?? '?'} (${event.ResourceType ?? '?'}) ${event.ResourceStatus ?? ''}`.trim();
  return event.ResourceStatusReason ? `${what}: ${event.ResourceStatusReason}` : what;
}

/** The pending item of a stack still creating: for how long, what it waits for, and past the usual time, why and what to do. */
export function creatingItem(snapshot: StackCompleteSnapshot, label: CheckItem['label'], status: string): CheckItem {
  const stack = isCaptured(snapshot.stack) ? undefined : snapshot.stack.stack;
  const started = Date.parse(stack?.CreationTime ?? '');
  const now = Date.parse(snapshot.observedAt);
  const base = { id: 'stack', status: 'pending' as const, label, expected: 'CREATE_COMPLETE', actual: status };
  if (Number.isNaN(started) || Number.isNaN(now)) return { ...base, hint: { key: key('stack.in-progress') } };
  const minutes = Math.max(0, Math.floor((now - started) / 60_000));
  const event = snapshot.latest && !isCaptured(snapshot.latest) ? snapshot.latest.event : undefined;
  const latest = event ? describeEvent(event) : status;
  const long = minutes >= slowCreationMinutes;
  return { ...base, actual: `${status} (${minutes} min)`, hint: { key: key(long ? 'stack.creating-long' : 'stack.creating'), params: { minutes, latest } } };
}

const deployFix = (name: string, region: string) => `aws cloudformation delete-stack --region ${region} --stack-name ${name} && aws cloudformation wait stack-delete-complete --region ${region} --stack-name ${name}`;

export default defineCheck<StackCompleteSnapshot>({
  id: 'cloudformation/stack-complete',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws cloudformation describe-stacks --region {{region}} --stack-name {{cluster}}-stack --query 'Stacks[0].[StackStatus,StackStatusReason,CreationTime]'",
    "aws cloudformation describe-stack-events --region {{region}} --stack-name {{cluster}}-stack --max-items 10 --query 'StackEvents[].[Timestamp,LogicalResourceId,ResourceStatus,ResourceStatusReason]' --output table",
    "aws ecs describe-services --region {{region}} --cluster {{cluster}} --services {{service}} --query 'services[0].events[:5].[createdAt,message]' --output text",
  ],
  async observe(ctx) {
    const name = stackName(ctx.vars);
    const [base, stack] = await Promise.all([observeBase(ctx), observeStack(ctx, name)]);
    const snapshot: StackCompleteSnapshot = { ...base, ...stack };
    const view = isCaptured(stack.stack) ? undefined : stack.stack.stack;
    if (view && /_COMPLETE$/.test(view.StackStatus ?? '') && !/ROLLBACK|DELETE/.test(view.StackStatus ?? '')) {
      const vars = varsFromStack(ctx.vars, view);
      [snapshot.running, snapshot.targets, snapshot.reachable] = await Promise.all([
        observeServiceRunning(ctx, vars), observeHealthyTargets(ctx, vars), observeReachable(ctx, vars),
      ]);
    }
    return snapshot;
  },
  judge(snapshot, vars) {
    const items: CheckItem[] = identityItems(snapshot);
    const name = stackName(vars);
    if (failedToLook(snapshot.stack)) return result(lesson, [...items, errorItem('cloudformation:DescribeStacks', snapshot.stack)]);
    const stack = isCaptured(snapshot.stack) ? undefined : snapshot.stack.stack;
    const label = { key: key('stack.label'), params: { stack: name } };
    const stackFound = (presence: 'healthy' | 'exists') => found('stack', snapshot.region, stack?.StackId, { name, state: stack?.StackStatus, presence });
    if (!stack) {
      items.push({ id: 'stack', status: 'fail', label, expected: 'CREATE_COMPLETE', actual: { key: 'value.not-found' }, hint: { key: key('stack.missing') }, fix: deployCommand(vars) });
      return result(lesson, items, missingResource('stack', snapshot.region, name));
    }
    const status = stack.StackStatus ?? '';
    if (isCreating(status)) {
      items.push(creatingItem(snapshot, label, status));
      return result(lesson, items, stackFound('exists'));
    }
    if (/FAILED|ROLLBACK/.test(status)) {
      const failure = snapshot.failures && !isCaptured(snapshot.failures) ? snapshot.failures.events.at(-1) : undefined;
      items.push({
        id: 'stack', status: /IN_PROGRESS$/.test(status) ? 'pending' : 'fail', label, expected: 'CREATE_COMPLETE', actual: status,
        hint: failure
          ? { key: key('stack.failed-resource'), params: { resource: `${failure.LogicalResourceId} (${failure.ResourceType})`, reason: failure.ResourceStatusReason ?? '' } }
          : { key: key('stack.failed') },
        fix: deployFix(name, vars.region),
      });
      return result(lesson, items, stackFound('exists'));
    }
    items.push({ id: 'stack', status: 'pass', label, actual: status });
    const stackVars = varsFromStack(vars, stack);
    const running = snapshot.running ? judgeServiceRunning(snapshot.running, stackVars).items : [];
    const targets = snapshot.targets ? judgeHealthyTargets(snapshot.targets, stackVars) : [];
    const reachable = snapshot.reachable ? judgeReachable(snapshot.reachable, stackVars) : [];
    // The nested checks repeat the identity item; keep one.
    const nested = [...running, ...targets, ...reachable].filter((item) => !item.id.startsWith('read:sts')).map((item) => ({ ...item, id: `service:${item.id}` }));
    return result(lesson, [...items, ...nested], [
      ...stackFound('healthy'),
      ...(snapshot.targets ? healthyTargetsResources(snapshot.targets, stackVars) : []),
      ...(snapshot.reachable ? reachableResources(snapshot.reachable, stackVars) : []),
    ]);
  },
});
