/**
 * cleanup/billable-gone: nothing that is billed by the hour is left: the load balancer, the
 * service and its tasks (any task in the cluster), NAT gateways and interface endpoints in the
 * lesson VPC, unattached Elastic IPs. Each leftover is listed with the command that deletes it.
 */
import { DescribeAddressesCommand, DescribeNatGatewaysCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { ListServicesCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { capture, defineCheck, errorItem, failedToLook, identityItems, isCaptured, observeBase, result, taskIdOf, type BaseSnapshot, type CapturedError, type CheckContext, type CheckItem, type Observed } from '#check-kit';
import { listTasks, type TaskView } from '../standalone-task/ecs-tasks.ts';
import { taskResources } from '../standalone-task/ecs-tasks.ts';
import type { FoundResource, LearnerVariables } from '#check-kit';
import { lessonVpcCidr } from '../service/network-lookup.ts';
import { found, missingResource } from '#check-kit';

const lesson = 'cleanup';
const key = (suffix: string) => `${lesson}.billable-gone.${suffix}`;

export interface BillableSnapshot extends BaseSnapshot {
  services: Observed<{ services: { serviceName?: string; status?: string; desiredCount?: number; runningCount?: number }[] }>;
  tasks: TaskView[] | CapturedError;
  loadBalancers: Observed<{ loadBalancers: { LoadBalancerName?: string; LoadBalancerArn?: string; VpcId?: string; State?: string }[] }>;
  vpcId?: string;
  natGateways?: Observed<{ natGateways: { NatGatewayId?: string; State?: string }[] }>;
  endpoints?: Observed<{ endpoints: { VpcEndpointId?: string; State?: string; ServiceName?: string }[] }>;
  addresses: Observed<{ addresses: { AllocationId?: string; PublicIp?: string }[] }>;
}

/** Finds the lesson VPC by its CIDR (not the default VPC). */
export async function lessonVpcId(ctx: CheckContext): Promise<Observed<{ vpcId?: string }>> {
  const vpcs = await capture(ctx.aws.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'cidr-block-association.cidr-block', Values: [lessonVpcCidr] }] }), { abortSignal: ctx.signal }));
  if (isCaptured(vpcs)) return vpcs;
  const own = (vpcs.Vpcs ?? []).filter((v) => !v.IsDefault);
  const named = own.find((v) => (v.Tags ?? []).some((t) => t.Key === 'Name' && t.Value === ctx.vars.vpcName));
  return { vpcId: (named ?? own[0])?.VpcId };
}

async function observeServices(ctx: CheckContext): Promise<BillableSnapshot['services']> {
  const options = { abortSignal: ctx.signal };
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await capture(ctx.aws.ecs.send(new ListServicesCommand({ cluster: ctx.vars.cluster, nextToken }), options));
    if (isCaptured(page)) return page.$error.name === 'ClusterNotFoundException' ? { services: [] } : page;
    arns.push(...(page.serviceArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const services: BillableSnapshot['services'] & { services: unknown[] } = { services: [] };
  for (let start = 0; start < arns.length; start += 10) {
    const batch = await capture(ctx.aws.ecs.send(new DescribeServicesCommand({ cluster: ctx.vars.cluster, services: arns.slice(start, start + 10) }), options));
    if (isCaptured(batch)) return batch;
    services.services.push(...(batch.services ?? []).map((s) => ({ serviceName: s.serviceName, status: s.status, desiredCount: s.desiredCount, runningCount: s.runningCount })));
  }
  return services;
}

export default defineCheck<BillableSnapshot>({
  id: 'cleanup/billable-gone',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ecs list-services --region {{region}} --cluster {{cluster}}",
    "aws ecs list-tasks --region {{region}} --cluster {{cluster}} --desired-status RUNNING",
    "aws elbv2 describe-load-balancers --region {{region}} --query 'LoadBalancers[].LoadBalancerName'",
    "aws ec2 describe-nat-gateways --region {{region}} --filter Name=state,Values=pending,available --query 'NatGateways[].NatGatewayId'",
    "aws ec2 describe-addresses --region {{region}} --query 'Addresses[?AssociationId==null].PublicIp'",
  ],
  async observe(ctx) {
    const options = { abortSignal: ctx.signal };
    const [base, services, tasks, loadBalancers, vpc, addresses] = await Promise.all([
      observeBase(ctx),
      observeServices(ctx),
      listTasks(ctx, ctx.vars.cluster, 'RUNNING'),
      capture(ctx.aws.elbv2.send(new DescribeLoadBalancersCommand({}), options)),
      lessonVpcId(ctx),
      capture(ctx.aws.ec2.send(new DescribeAddressesCommand({}), options)),
    ]);
    const vpcId = isCaptured(vpc) ? undefined : vpc.vpcId;
    const snapshot: BillableSnapshot = {
      ...base, services,
      tasks: isCaptured(tasks) && tasks.$error.name === 'ClusterNotFoundException' ? [] : tasks,
      loadBalancers: isCaptured(loadBalancers) ? loadBalancers : {
        loadBalancers: (loadBalancers.LoadBalancers ?? [])
          .filter((lb) => lb.LoadBalancerName === ctx.vars.loadBalancer || (vpcId && lb.VpcId === vpcId))
          .map((lb) => ({ LoadBalancerName: lb.LoadBalancerName, LoadBalancerArn: lb.LoadBalancerArn, VpcId: lb.VpcId, State: lb.State?.Code })),
      },
      addresses: isCaptured(addresses) ? addresses : { addresses: (addresses.Addresses ?? []).filter((a) => !a.AssociationId).map((a) => ({ AllocationId: a.AllocationId, PublicIp: a.PublicIp })) },
      ...(vpcId && { vpcId }),
    };
    if (vpcId) {
      const filter = [{ Name: 'vpc-id', Values: [vpcId] }];
      const [nat, endpoints] = await Promise.all([
        capture(ctx.aws.ec2.send(new DescribeNatGatewaysCommand({ Filter: filter }), options)),
        capture(ctx.aws.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [...filter, { Name: 'vpc-endpoint-type', Values: ['Interface'] }] }), options)),
      ]);
      snapshot.natGateways = isCaptured(nat) ? nat : { natGateways: (nat.NatGateways ?? []).filter((n) => n.State !== 'deleted').map((n) => ({ NatGatewayId: n.NatGatewayId, State: n.State })) };
      snapshot.endpoints = isCaptured(endpoints) ? endpoints : { endpoints: (endpoints.VpcEndpoints ?? []).filter((e) => !['deleted', 'Deleted'].includes(e.State ?? '')).map((e) => ({ VpcEndpointId: e.VpcEndpointId, State: e.State, ServiceName: e.ServiceName })) };
    }
    return snapshot;
  },
  judge(snapshot, vars) {
    const items: CheckItem[] = identityItems(snapshot);
    for (const [call, value] of [
      ['ecs:DescribeServices', snapshot.services], ['ecs:ListTasks', snapshot.tasks], ['elbv2:DescribeLoadBalancers', snapshot.loadBalancers],
      ['ec2:DescribeNatGateways', snapshot.natGateways], ['ec2:DescribeVpcEndpoints', snapshot.endpoints], ['ec2:DescribeAddresses', snapshot.addresses],
    ] as const) {
      if (failedToLook(value)) return result(lesson, [...items, errorItem(call, value)]);
    }
    const left: CheckItem[] = [];
    const leftover = (id: string, what: string, state: string, fix: string | undefined, pending = false): CheckItem => ({
      id, status: pending ? 'pending' : 'fail', label: { key: key(`${id.split(':')[0]}.label`), params: { name: what } }, expected: { key: 'value.deleted' }, actual: state,
      hint: { key: key(`${id.split(':')[0]}.${pending ? 'deleting' : 'hint'}`) }, ...(fix && { fix }),
    });
    for (const lb of isCaptured(snapshot.loadBalancers) ? [] : snapshot.loadBalancers.loadBalancers) {
      left.push(leftover(`load-balancer:${lb.LoadBalancerName}`, lb.LoadBalancerName ?? '', lb.State ?? 'active', `aws elbv2 delete-load-balancer --region ${vars.region} --load-balancer-arn ${lb.LoadBalancerArn}`));
    }
    for (const nat of snapshot.natGateways && !isCaptured(snapshot.natGateways) ? snapshot.natGateways.natGateways : []) {
      const deleting = nat.State === 'deleting';
      left.push(leftover(`nat-gateway:${nat.NatGatewayId}`, nat.NatGatewayId ?? '', nat.State ?? '', deleting ? undefined : `aws ec2 delete-nat-gateway --region ${vars.region} --nat-gateway-id ${nat.NatGatewayId}`, deleting));
    }
    for (const address of isCaptured(snapshot.addresses) ? [] : snapshot.addresses.addresses) {
      left.push(leftover(`elastic-ip:${address.AllocationId}`, address.PublicIp ?? address.AllocationId ?? '', 'not associated', `aws ec2 release-address --region ${vars.region} --allocation-id ${address.AllocationId}`));
    }
    for (const endpoint of snapshot.endpoints && !isCaptured(snapshot.endpoints) ? snapshot.endpoints.endpoints : []) {
      const deleting = /deleting/i.test(endpoint.State ?? '');
      left.push(leftover(`endpoint:${endpoint.VpcEndpointId}`, `${endpoint.VpcEndpointId} (${endpoint.ServiceName})`, endpoint.State ?? '', deleting ? undefined : `aws ec2 delete-vpc-endpoints --region ${vars.region} --vpc-endpoint-ids ${endpoint.VpcEndpointId}`, deleting));
    }
    const services = isCaptured(snapshot.services) ? [] : snapshot.services.services;
    for (const service of services.filter((s) => s.status !== 'INACTIVE')) {
      const draining = service.status === 'DRAINING';
      left.push(leftover(`service:${service.serviceName}`, service.serviceName ?? '', `${service.status}, desired ${service.desiredCount}, running ${service.runningCount}`,
        draining ? undefined : `aws ecs delete-service --region ${vars.region} --cluster ${vars.cluster} --service ${service.serviceName} --force`, draining));
    }
    const tasks = isCaptured(snapshot.tasks) ? [] : snapshot.tasks;
    const serviceGoing = services.some((s) => s.status === 'DRAINING' || s.status === 'INACTIVE');
    for (const task of tasks) {
      const owned = task.group?.startsWith('service:') && serviceGoing;
      left.push(leftover(`task:${taskIdOf(task.taskArn)}`, `${taskIdOf(task.taskArn)} (${task.group ?? ''})`, task.lastStatus ?? '',
        owned ? undefined : `aws ecs stop-task --region ${vars.region} --cluster ${vars.cluster} --task ${taskIdOf(task.taskArn)}`, owned));
    }
    if (left.length === 0) items.push({ id: 'nothing-billable', status: 'pass', label: { key: key('nothing-billable.label') } });
    return result(lesson, [...items, ...left], billableResources(snapshot, vars));
  },
});

/**
 * What is still billed, for the map and the cost panel, and what is gone (so the cost panel reaches
 * zero): the load balancer (and, once it is gone, its addresses), services, tasks by service or
 * family (and their addresses once none is left), NAT gateways and unattached Elastic IPs.
 */
function billableResources(snapshot: BillableSnapshot, vars: LearnerVariables): FoundResource[] {
  const region = snapshot.region;
  const lbs = isCaptured(snapshot.loadBalancers) ? [] : snapshot.loadBalancers.loadBalancers;
  const services = (isCaptured(snapshot.services) ? [] : snapshot.services.services).filter((s) => s.status !== 'INACTIVE');
  const tasks = isCaptured(snapshot.tasks) ? [] : snapshot.tasks;
  const nats = snapshot.natGateways && !isCaptured(snapshot.natGateways) ? snapshot.natGateways.natGateways : [];
  const addresses = isCaptured(snapshot.addresses) ? [] : snapshot.addresses.addresses;
  const parentOf = (task: TaskView) => task.group?.replace(/^(service|family):/, '') ?? vars.taskFamily;
  const parents = [...new Set([vars.service, vars.taskFamily, ...tasks.map(parentOf)])];
  return [
    ...(lbs.length
      ? lbs.flatMap((lb) => found('load-balancer', region, lb.LoadBalancerArn, { name: lb.LoadBalancerName, state: lb.State }))
      : [...missingResource('load-balancer', region, vars.loadBalancer), ...missingResource('public-ipv4', region, `${vars.loadBalancer} IPv4`, vars.loadBalancer)]),
    ...(services.length
      ? services.flatMap((s) => found('service', region, `${vars.cluster}/${s.serviceName}`, { name: s.serviceName, state: `${s.status} ${s.runningCount ?? 0}/${s.desiredCount ?? 0}` }))
      : missingResource('service', region, vars.service)),
    ...parents.flatMap((parent) => {
      const own = tasks.filter((task) => parentOf(task) === parent);
      return own.length ? taskResources(own, region, parent) : [...missingResource('task', region, parent, parent), ...missingResource('public-ipv4', region, `${parent} IPv4`, parent)];
    }),
    ...(nats.length ? nats.flatMap((nat) => found('nat-gateway', region, nat.NatGatewayId, { name: nat.NatGatewayId, state: nat.State })) : missingResource('nat-gateway', region, `${vars.vpcName} NAT`)),
    ...(addresses.length
      ? addresses.flatMap((a) => found('public-ipv4', region, a.AllocationId, { name: a.PublicIp, parent: 'elastic-ip', state: 'not associated' }))
      : missingResource('public-ipv4', region, 'Elastic IP', 'elastic-ip')),
  ];
}
