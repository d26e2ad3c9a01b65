/**
 * Target health as checklist items: every target that is not healthy gets its reason in words
 * and the command that fixes it; the healthy count is compared with what the service wants; the
 * healthy IPs are matched to the service's running tasks. Shared by lessons 08, 09 and 12.
 */
import { isCaptured, type CheckItem, type LearnerVariables } from '#check-kit';
import type { TaskView } from '../standalone-task/ecs-tasks.ts';
import type { TargetGroupView, TargetHealthView, TargetsObservation } from './service-state.ts';

const key = (suffix: string) => `service.healthy-targets.${suffix}`;

export interface TargetFixContext {
  vars: LearnerVariables;
  albSgId?: string;
  taskSgId?: string;
  loadBalancerArn?: string;
}

const pendingReasons = new Set(['Elb.RegistrationInProgress', 'Elb.InitialHealthChecking']);

export function reasonKey(reason: string | undefined): string {
  switch (reason) {
    case 'Target.Timeout': return 'timeout';
    case 'Target.ResponseCodeMismatch': return 'response-code';
    case 'Target.FailedHealthChecks': return 'failed-health-checks';
    case 'Target.NotInUse': return 'not-in-use';
    case 'Elb.RegistrationInProgress':
    case 'Elb.InitialHealthChecking': return 'initial';
    default: return 'other';
  }
}

function fixFor(reason: string | undefined, tg: TargetGroupView, context: TargetFixContext): string | undefined {
  const { vars } = context;
  switch (reason) {
    case 'Target.Timeout':
      return `aws ec2 authorize-security-group-ingress --region ${vars.region} --group-id ${context.taskSgId ?? '$TASK_SG'} --protocol tcp --port 3000 --source-group ${context.albSgId ?? '$ALB_SG'}`;
    case 'Target.ResponseCodeMismatch':
      return `aws elbv2 modify-target-group --region ${vars.region} --target-group-arn ${tg.TargetGroupArn} --health-check-path / --matcher HttpCode=200-399`;
    case 'Target.NotInUse':
      return (tg.LoadBalancerArns ?? []).length === 0
        ? `aws elbv2 create-listener --region ${vars.region} --load-balancer-arn ${context.loadBalancerArn ?? '$ALB_ARN'} --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=${tg.TargetGroupArn}`
        : undefined;
    case 'Target.FailedHealthChecks':
      return `aws logs tail --region ${vars.region} ${vars.logGroup} --since 15m`;
    default:
      return undefined;
  }
}

/** One item per target that is not healthy (draining targets of old tasks are left out). */
export function unhealthyTargetItems(targets: TargetHealthView[], tg: TargetGroupView, context: TargetFixContext): CheckItem[] {
  return targets
    .filter((t) => t.TargetHealth?.State !== 'healthy' && t.TargetHealth?.State !== 'draining')
    .map((t) => {
      const reason = t.TargetHealth?.Reason;
      const state = t.TargetHealth?.State ?? 'unknown';
      const pending = state === 'initial' || pendingReasons.has(reason ?? '');
      const fix = pending ? undefined : fixFor(reason, tg, context);
      return {
        id: `target:${t.Target?.Id}:${t.Target?.Port}`,
        status: pending ? 'pending' : 'fail',
        label: { key: key('target.label'), params: { target: `${t.Target?.Id}:${t.Target?.Port}` } },
        expected: 'healthy',
        actual: [state, reason, t.TargetHealth?.Description].filter(Boolean).join(' — '),
        hint: { key: key(`reason.${reasonKey(reason)}`), params: { reason: reason ?? state, description: t.TargetHealth?.Description ?? '', path: tg.HealthCheckPath ?? '/', matcher: tg.Matcher?.HttpCode ?? '200' } },
        ...(fix && { fix }),
      } satisfies CheckItem;
    });
}

/**
 * The checklist for "healthy count equals desired": unhealthy targets first, then the count,
 * then whether the healthy targets are the service's tasks.
 */
export function targetItems(
  observation: TargetsObservation,
  desired: number,
  tasks: TaskView[] | undefined,
  context: TargetFixContext,
): CheckItem[] {
  const tg = isCaptured(observation.targetGroup) ? undefined : observation.targetGroup.targetGroup;
  if (!tg) {
    return [{ id: 'target-group', status: 'fail', label: { key: key('target-group.label'), params: { name: context.vars.targetGroup } }, expected: context.vars.targetGroup, actual: { key: 'value.not-found' }, hint: { key: key('target-group.missing') } }];
  }
  const targets = observation.health && !isCaptured(observation.health) ? observation.health.TargetHealthDescriptions ?? [] : [];
  const items = unhealthyTargetItems(targets, tg, context);
  const healthy = targets.filter((t) => t.TargetHealth?.State === 'healthy');
  const countLabel = { key: key('count.label'), params: { desired } };
  const actual = `${healthy.length} healthy of ${targets.length} registered`;
  if (healthy.length >= desired && desired > 0) {
    items.push({ id: 'count', status: 'pass', label: countLabel, actual });
  } else {
    const anyFailing = items.some((i) => i.status === 'fail');
    items.push({
      id: 'count', status: anyFailing ? 'fail' : 'pending', label: countLabel, expected: `${desired} healthy`, actual,
      hint: { key: key(anyFailing ? 'count.unhealthy' : targets.length ? 'count.checking' : 'count.none-registered') },
    });
  }
  if (tasks && healthy.length) {
    const taskIps = new Set(tasks.map((t) => t.privateIp).filter(Boolean));
    const strangers = healthy.filter((t) => !taskIps.has(t.Target?.Id) || t.Target?.Port !== 3000);
    items.push(strangers.length === 0
      ? { id: 'match', status: 'pass', label: { key: key('match.label') }, actual: healthy.map((t) => `${t.Target?.Id}:${t.Target?.Port}`).join(', ') }
      : { id: 'match', status: 'warn', label: { key: key('match.label') }, expected: [...taskIps].map((ip) => `${ip}:3000`).join(', ') || '(no running task)', actual: strangers.map((t) => `${t.Target?.Id}:${t.Target?.Port}`).join(', '), hint: { key: key('match.hint') } });
  }
  return items;
}
