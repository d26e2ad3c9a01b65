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
import { deployCommand, observeStack, stackName, varsFromStack, type StackObservation } from './stack-state.ts';
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
    if (/IN_PROGRESS$/.test(status) && !/ROLLBACK/.test(status)) {
      items.push({ id: 'stack', status: 'pending', label, expected: 'CREATE_COMPLETE', actual: status, hint: { key: key('stack.in-progress') } });
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
