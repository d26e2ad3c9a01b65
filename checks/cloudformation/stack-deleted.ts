/**
 * cloudformation/stack-deleted: the stack is gone (DELETE_COMPLETE or no longer listed), and with
 * it the load balancer it made. DELETE_IN_PROGRESS is pending; DELETE_FAILED names the resource
 * that would not go.
 */
import { defineCheck, errorItem, failedToLook, identityItems, isCaptured, isNotFound, observeBase, result, type BaseSnapshot, type CheckItem, type Observed } from '#check-kit';
import { observeLoadBalancer, type LoadBalancerView } from '../service/service-state.ts';
import { observeStack, stackName, type StackObservation } from './stack-state.ts';
import { found, missingResource } from '#check-kit';
import { loadBalancerResources } from '../service/service-state.ts';

const lesson = 'cloudformation';
const key = (suffix: string) => `${lesson}.stack-deleted.${suffix}`;

export interface StackDeletedSnapshot extends BaseSnapshot, StackObservation {
  loadBalancer?: Observed<{ loadBalancer?: LoadBalancerView }>;
}

export default defineCheck<StackDeletedSnapshot>({
  id: 'cloudformation/stack-deleted',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws cloudformation describe-stacks --region {{region}} --stack-name {{cluster}}-stack --query 'Stacks[0].StackStatus'",
    "aws cloudformation list-stacks --region {{region}} --stack-status-filter DELETE_COMPLETE DELETE_FAILED DELETE_IN_PROGRESS --query \"StackSummaries[?StackName=='{{cluster}}-stack'].[StackStatus,DeletionTime]\"",
  ],
  async observe(ctx) {
    const [base, stack] = await Promise.all([observeBase(ctx), observeStack(ctx, stackName(ctx.vars))]);
    const view = isCaptured(stack.stack) ? undefined : stack.stack.stack;
    const lbName = view?.Parameters.LoadBalancerName ?? ctx.vars.loadBalancer;
    return { ...base, ...stack, loadBalancer: await observeLoadBalancer(ctx, lbName) };
  },
  judge(snapshot, vars) {
    const items: CheckItem[] = identityItems(snapshot);
    const name = stackName(vars);
    if (failedToLook(snapshot.stack)) return result(lesson, [...items, errorItem('cloudformation:DescribeStacks', snapshot.stack)]);
    const stack = isCaptured(snapshot.stack) ? undefined : snapshot.stack.stack;
    const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
    const label = { key: key('stack.label'), params: { stack: name } };
    const deleteFix = `aws cloudformation delete-stack --region ${vars.region} --stack-name ${name}`;
    if (status === 'DELETE_COMPLETE' || isNotFound(snapshot.stack)) items.push({ id: 'stack', status: 'pass', label, actual: 'DELETE_COMPLETE' });
    else if (status === 'DELETE_IN_PROGRESS') items.push({ id: 'stack', status: 'pending', label, expected: 'DELETE_COMPLETE', actual: status, hint: { key: key('stack.deleting') } });
    else if (status === 'DELETE_FAILED') {
      const failure = snapshot.failures && !isCaptured(snapshot.failures) ? snapshot.failures.events[0] : undefined;
      items.push({
        id: 'stack', status: 'fail', label, expected: 'DELETE_COMPLETE', actual: status,
        hint: { key: key('stack.delete-failed'), params: { resource: failure ? `${failure.LogicalResourceId} (${failure.ResourceType})` : '-', reason: failure?.ResourceStatusReason ?? stack?.StackStatusReason ?? '' } },
        fix: deleteFix,
      });
    } else items.push({ id: 'stack', status: 'fail', label, expected: 'DELETE_COMPLETE', actual: status, hint: { key: key('stack.exists') }, fix: deleteFix });
    if (snapshot.loadBalancer && failedToLook(snapshot.loadBalancer)) return result(lesson, [...items, errorItem('elbv2:DescribeLoadBalancers', snapshot.loadBalancer)]);
    const lb = snapshot.loadBalancer && !isCaptured(snapshot.loadBalancer) ? snapshot.loadBalancer.loadBalancer : undefined;
    if (lb && items[items.length - 1]?.status === 'pass') {
      items.push({ id: 'load-balancer', status: 'fail', label: { key: key('load-balancer.label') }, expected: { key: 'value.deleted' }, actual: lb.LoadBalancerArn, hint: { key: key('load-balancer.hint') }, fix: `aws elbv2 delete-load-balancer --region ${vars.region} --load-balancer-arn ${lb.LoadBalancerArn}` });
    }
    const gone = status === 'DELETE_COMPLETE' || isNotFound(snapshot.stack);
    return result(lesson, items, [
      ...(gone ? missingResource('stack', snapshot.region, name) : found('stack', snapshot.region, stack?.StackId, { name, state: status })),
      ...(snapshot.loadBalancer ? loadBalancerResources(lb, snapshot.region, stack?.Parameters.LoadBalancerName ?? vars.loadBalancer) : []),
    ]);
  },
});
