/**
 * service/load-balancer: the ALB is active, internet-facing, in two AZs with the ALB security
 * group; a listener on HTTP 80 forwards to the target group, which is of type `ip` (an `instance`
 * group is caught here, before CreateService rejects it for awsvpc tasks).
 */
import { restoreExpression, withRestoredVariables, defineCheck, errorItem, failedToLook, identityItems, isCaptured, isNotFound, lookInOtherRegions, observeBase, result, withOtherRegions, type BaseSnapshot, type CheckItem, type LearnerVariables, type Observed } from '#check-kit';
import { groupId, observeNetwork, publicSubnetIds, type NetworkView } from './network-lookup.ts';
import {
  activeService,
  forwardedTargetGroups,
  observeListeners,
  observeLoadBalancer,
  observeService,
  observeTargets,
  type ListenerView,
  type LoadBalancerView,
  type ServiceObservation,
  type TargetGroupView,
} from './service-state.ts';
import { listenerResources, loadBalancerResources, targetGroupResources } from './service-state.ts';

const lesson = 'service';
const key = (suffix: string) => `${lesson}.load-balancer.${suffix}`;

export interface LoadBalancerSnapshot extends BaseSnapshot {
  loadBalancer: Observed<{ loadBalancer?: LoadBalancerView }>;
  listeners?: Observed<{ Listeners?: ListenerView[] }>;
  targetGroup: Observed<{ targetGroup?: TargetGroupView }>;
  network: Observed<NetworkView>;
  service: ServiceObservation;
}

export default defineCheck<LoadBalancerSnapshot>({
  id: 'service/load-balancer',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws elbv2 describe-load-balancers --region {{region}} --names {{loadBalancer}} --query 'LoadBalancers[0].[State.Code,Scheme,DNSName]'",
    "aws elbv2 describe-target-groups --region {{region}} --names {{targetGroup}} --query 'TargetGroups[0].[TargetType,Port,HealthCheckPath,LoadBalancerArns[0]]'",
    "aws elbv2 describe-listeners --region {{region}} --load-balancer-arn $(aws elbv2 describe-load-balancers --region {{region}} --names {{loadBalancer}} --query 'LoadBalancers[0].LoadBalancerArn' --output text) --query 'Listeners[].[Port,Protocol,DefaultActions[0].TargetGroupArn]'",
  ],
  async observe(ctx) {
    const { loadBalancer: lbName, targetGroup: tgName, cluster, service } = ctx.vars;
    const base = await observeBase(ctx);
    const [loadBalancer, targets, network, serviceObservation] = await Promise.all([
      observeLoadBalancer(ctx, lbName),
      observeTargets(ctx, tgName),
      observeNetwork(ctx),
      observeService(ctx, cluster, service),
    ]);
    const arn = isCaptured(loadBalancer) ? undefined : loadBalancer.loadBalancer?.LoadBalancerArn;
    const missing = !arn && (isNotFound(loadBalancer) || !isCaptured(loadBalancer));
    return {
      ...base, loadBalancer, targetGroup: targets.targetGroup, network, service: serviceObservation,
      ...(arn && { listeners: await observeListeners(ctx, arn) }),
      ...(missing && { foundIn: await lookInOtherRegions(ctx, { kind: 'load-balancer', name: lbName }) }),
    };
  },
  judge(snapshot, vars) {
    const items: CheckItem[] = identityItems(snapshot);
    for (const [call, value] of [
      ['elbv2:DescribeLoadBalancers', snapshot.loadBalancer],
      ['elbv2:DescribeTargetGroups', snapshot.targetGroup],
      ['elbv2:DescribeListeners', snapshot.listeners],
      ['ec2:DescribeVpcs', snapshot.network],
    ] as const) {
      if (failedToLook(value)) return result(lesson, [...items, errorItem(call, value)]);
    }
    const lb = isCaptured(snapshot.loadBalancer) ? undefined : snapshot.loadBalancer.loadBalancer;
    const tg = isCaptured(snapshot.targetGroup) ? undefined : snapshot.targetGroup.targetGroup;
    items.push(...loadBalancerItems(lb, snapshot, vars));
    items.push(...targetGroupItems(tg, lb, snapshot, vars));
    if (lb) items.push(listenerItem(lb, tg, snapshot, vars));
    const listeners = snapshot.listeners && !isCaptured(snapshot.listeners) ? snapshot.listeners.Listeners : undefined;
    const resources = [
      ...loadBalancerResources(lb, snapshot.region, vars.loadBalancer),
      ...(lb ? listenerResources(listeners, snapshot.region, vars.loadBalancer) : []),
      ...targetGroupResources(tg, snapshot.region, vars.targetGroup),
    ];
    return result(lesson, items, resources);
  },
});

function createLoadBalancerFix(snapshot: LoadBalancerSnapshot, vars: LearnerVariables): string {
  const subnets = publicSubnetIds(snapshot.network);
  const sg = groupId(snapshot.network, vars.albSecurityGroup) ?? '$ALB_SG';
  return withRestoredVariables(vars, `aws elbv2 create-load-balancer --region ${vars.region} --name ${vars.loadBalancer} --type application --scheme internet-facing --subnets ${subnets.length >= 2 ? subnets.join(' ') : '$PUBLIC_A $PUBLIC_C'} --security-groups ${sg}`);
}

/**
 * A recreated load balancer has no listener: the fix waits for the old one to be gone (its name is
 * taken until then), creates the new one, and forwards port 80 to the target group again, so one
 * run of it leaves the step whole.
 */
function recreateLoadBalancerFix(lb: LoadBalancerView, snapshot: LoadBalancerSnapshot, vars: LearnerVariables): string {
  const lines = createLoadBalancerFix(snapshot, vars).split('\n');
  const create = lines.pop()!; // the lines before it restore the lesson's variables
  return [
    ...lines,
    `aws elbv2 delete-load-balancer --region ${vars.region} --load-balancer-arn ${lb.LoadBalancerArn} &&`,
    `aws elbv2 wait load-balancers-deleted --region ${vars.region} --load-balancer-arns ${lb.LoadBalancerArn} &&`,
    `ALB_ARN=$(${create} --query 'LoadBalancers[0].LoadBalancerArn' --output text) &&`,
    `aws elbv2 create-listener --region ${vars.region} --load-balancer-arn $ALB_ARN --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=${restoreExpression(vars, 'TG_ARN')}`,
  ].join('\n');
}

function createTargetGroupFix(snapshot: LoadBalancerSnapshot, vars: LearnerVariables): string {
  const vpc = !isCaptured(snapshot.network) && snapshot.network.vpcId ? snapshot.network.vpcId : restoreExpression(vars, 'VPC_ID');
  return `aws elbv2 create-target-group --region ${vars.region} --name ${vars.targetGroup} --protocol HTTP --port 3000 --target-type ip --vpc-id ${vpc} --health-check-path /`;
}

function loadBalancerItems(lb: LoadBalancerView | undefined, snapshot: LoadBalancerSnapshot, vars: LearnerVariables): CheckItem[] {
  const label = { key: key('alb.label'), params: { name: vars.loadBalancer } };
  if (!lb) return [withOtherRegions({ id: 'alb', status: 'fail', label, expected: vars.loadBalancer, actual: { key: 'value.not-found' }, hint: { key: key('alb.missing') }, fix: createLoadBalancerFix(snapshot, vars) }, lesson, snapshot.foundIn, vars.loadBalancer, vars.region)];
  const items: CheckItem[] = [];
  const state = lb.State?.Code;
  if (state === 'provisioning') items.push({ id: 'alb', status: 'pending', label, expected: 'active', actual: 'provisioning', hint: { key: key('alb.provisioning') } });
  else if (state === 'active') items.push({ id: 'alb', status: 'pass', label, actual: lb.DNSName });
  else items.push({ id: 'alb', status: 'fail', label, expected: 'active', actual: `${state}${lb.State?.Reason ? `: ${lb.State.Reason}` : ''}`, hint: { key: key('alb.state') } });
  const recreate = recreateLoadBalancerFix(lb, snapshot, vars);
  items.push(lb.Scheme === 'internet-facing' && lb.Type === 'application'
    ? { id: 'scheme', status: 'pass', label: { key: key('scheme.label') } }
    : { id: 'scheme', status: 'fail', label: { key: key('scheme.label') }, expected: 'application, internet-facing', actual: `${lb.Type}, ${lb.Scheme}`, hint: { key: key('scheme.hint') }, fix: recreate });
  const zones = new Set((lb.AvailabilityZones ?? []).map((z) => z.ZoneName));
  items.push(zones.size >= 2
    ? { id: 'two-azs', status: 'pass', label: { key: key('two-azs.label') }, actual: [...zones].join(', ') }
    : { id: 'two-azs', status: 'fail', label: { key: key('two-azs.label') }, expected: '2 Availability Zones', actual: [...zones].join(', ') || { key: 'value.none' }, hint: { key: key('two-azs.hint') },
        fix: `aws elbv2 set-subnets --region ${vars.region} --load-balancer-arn ${lb.LoadBalancerArn} --subnets ${publicSubnetIds(snapshot.network).join(' ') || `${restoreExpression(vars, 'PUBLIC_A')} ${restoreExpression(vars, 'PUBLIC_C')}`}` });
  const albSg = groupId(snapshot.network, vars.albSecurityGroup);
  if (albSg) {
    items.push((lb.SecurityGroups ?? []).includes(albSg)
      ? { id: 'alb-sg', status: 'pass', label: { key: key('alb-sg.label'), params: { group: vars.albSecurityGroup } } }
      : { id: 'alb-sg', status: 'fail', label: { key: key('alb-sg.label'), params: { group: vars.albSecurityGroup } }, expected: albSg, actual: (lb.SecurityGroups ?? []).join(', ') || { key: 'value.none' },
          hint: { key: key('alb-sg.hint') }, fix: `aws elbv2 set-security-groups --region ${vars.region} --load-balancer-arn ${lb.LoadBalancerArn} --security-groups ${albSg}` });
  }
  return items;
}

function targetGroupItems(tg: TargetGroupView | undefined, lb: LoadBalancerView | undefined, snapshot: LoadBalancerSnapshot, vars: LearnerVariables): CheckItem[] {
  const label = { key: key('target-group.label'), params: { name: vars.targetGroup } };
  if (!tg) return [{ id: 'target-group', status: 'fail', label, expected: vars.targetGroup, actual: { key: 'value.not-found' }, hint: { key: key('target-group.missing') }, fix: createTargetGroupFix(snapshot, vars) }];
  const items: CheckItem[] = [{ id: 'target-group', status: 'pass', label }];
  if (tg.TargetType !== 'ip') {
    const serviceExists = !!activeService(snapshot.service);
    const listener = !isCaptured(snapshot.listeners ?? { Listeners: [] }) ? (snapshot.listeners as { Listeners?: ListenerView[] } | undefined)?.Listeners?.find((l) => forwardedTargetGroups(l).includes(tg.TargetGroupArn ?? '')) : undefined;
    const steps = [
      ...(listener?.ListenerArn ? [`aws elbv2 delete-listener --region ${vars.region} --listener-arn ${listener.ListenerArn}`] : []),
      `aws elbv2 delete-target-group --region ${vars.region} --target-group-arn ${tg.TargetGroupArn}`,
      // The new target group needs the listener back, or the next Check asks for create-listener.
      ...(listener?.ListenerArn && lb?.LoadBalancerArn
        ? [`aws elbv2 create-listener --region ${vars.region} --load-balancer-arn ${lb.LoadBalancerArn} --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=$(${createTargetGroupFix(snapshot, vars)} --query 'TargetGroups[0].TargetGroupArn' --output text)`]
        : [createTargetGroupFix(snapshot, vars)]),
    ];
    items.push({
      id: 'target-type', status: 'fail', label: { key: key('target-type.label') }, expected: 'ip', actual: tg.TargetType ?? '(unknown)',
      hint: { key: key(serviceExists ? 'target-type.after-service' : 'target-type.before-service') }, fix: steps.join(' &&\n'),
    });
  } else {
    items.push({ id: 'target-type', status: 'pass', label: { key: key('target-type.label') } });
  }
  if (tg.Protocol && tg.Protocol !== 'HTTP') {
    items.push({ id: 'tg-protocol', status: 'fail', label: { key: key('tg-protocol.label') }, expected: 'HTTP', actual: tg.Protocol, hint: { key: key('tg-protocol.hint') }, fix: createTargetGroupFix(snapshot, vars) });
  }
  if (lb?.VpcId && tg.VpcId && lb.VpcId !== tg.VpcId) {
    items.push({ id: 'tg-vpc', status: 'fail', label: { key: key('tg-vpc.label') }, expected: lb.VpcId, actual: tg.VpcId, hint: { key: key('tg-vpc.hint') }, fix: createTargetGroupFix(snapshot, vars) });
  }
  return items;
}

function listenerItem(lb: LoadBalancerView, tg: TargetGroupView | undefined, snapshot: LoadBalancerSnapshot, vars: LearnerVariables): CheckItem {
  const listeners = snapshot.listeners && !isCaptured(snapshot.listeners) ? snapshot.listeners.Listeners ?? [] : [];
  const label = { key: key('listener.label') };
  const tgArn = tg?.TargetGroupArn ?? `$TG_ARN`;
  const http80 = listeners.find((l) => l.Port === 80 && l.Protocol === 'HTTP');
  if (!http80) {
    return {
      id: 'listener', status: 'fail', label, expected: 'HTTP:80 → forward', actual: listeners.map((l) => `${l.Protocol}:${l.Port}`).join(', ') || '(no listener)',
      hint: { key: key('listener.missing') },
      fix: `aws elbv2 create-listener --region ${vars.region} --load-balancer-arn ${lb.LoadBalancerArn} --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=${tgArn}`,
    };
  }
  const forwards = forwardedTargetGroups(http80);
  if (tg?.TargetGroupArn && !forwards.includes(tg.TargetGroupArn)) {
    return {
      id: 'listener', status: 'fail', label, expected: `forward → ${vars.targetGroup}`, actual: forwards.map((arn) => arn.split('/')[1]).join(', ') || (http80.DefaultActions?.[0]?.Type ?? '(no action)'),
      hint: { key: key('listener.elsewhere') },
      fix: `aws elbv2 modify-listener --region ${vars.region} --listener-arn ${http80.ListenerArn} --default-actions Type=forward,TargetGroupArn=${tgArn}`,
    };
  }
  return { id: 'listener', status: 'pass', label };
}
