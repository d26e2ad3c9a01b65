/**
 * The lesson-04 network as fix commands need it: the VPC (by CIDR, as the reference says: names
 * vary), its public subnets (routed to an internet gateway) and the two security groups by name.
 */
import { DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { capture, isCaptured, type CheckContext, type Observed } from '#check-kit';

export const lessonVpcCidr = '10.0.0.0/20';

export interface NetworkView {
  vpcId?: string;
  publicSubnets: { SubnetId: string; AvailabilityZone?: string }[];
  securityGroups: { GroupId: string; GroupName?: string }[];
}

export async function observeNetwork(ctx: CheckContext): Promise<Observed<NetworkView>> {
  const options = { abortSignal: ctx.signal };
  const vpcs = await capture(ctx.aws.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'cidr-block-association.cidr-block', Values: [lessonVpcCidr] }] }), options));
  if (isCaptured(vpcs)) return vpcs;
  const vpc = (vpcs.Vpcs ?? []).find((v) => !v.IsDefault && (v.Tags ?? []).some((t) => t.Key === 'Name' && t.Value === ctx.vars.vpcName)) ??
    (vpcs.Vpcs ?? []).find((v) => !v.IsDefault);
  if (!vpc?.VpcId) return { publicSubnets: [], securityGroups: [] };
  const filter = [{ Name: 'vpc-id', Values: [vpc.VpcId] }];
  const [subnets, tables, groups] = await Promise.all([
    capture(ctx.aws.ec2.send(new DescribeSubnetsCommand({ Filters: filter }), options)),
    capture(ctx.aws.ec2.send(new DescribeRouteTablesCommand({ Filters: filter }), options)),
    capture(ctx.aws.ec2.send(new DescribeSecurityGroupsCommand({
      Filters: [...filter, { Name: 'group-name', Values: [ctx.vars.albSecurityGroup, ctx.vars.taskSecurityGroup] }],
    }), options)),
  ]);
  if (isCaptured(subnets)) return subnets;
  if (isCaptured(tables)) return tables;
  if (isCaptured(groups)) return groups;
  const routesToIgw = (table: (typeof tables.RouteTables & {})[number]) =>
    (table.Routes ?? []).some((r) => r.DestinationCidrBlock === '0.0.0.0/0' && r.GatewayId?.startsWith('igw-') && r.State !== 'blackhole');
  const main = (tables.RouteTables ?? []).find((t) => (t.Associations ?? []).some((a) => a.Main));
  const tableOf = (subnetId: string) =>
    (tables.RouteTables ?? []).find((t) => (t.Associations ?? []).some((a) => a.SubnetId === subnetId)) ?? main;
  return {
    vpcId: vpc.VpcId,
    publicSubnets: (subnets.Subnets ?? [])
      .filter((s) => { const table = s.SubnetId && tableOf(s.SubnetId); return !!table && routesToIgw(table); })
      .map((s) => ({ SubnetId: s.SubnetId!, AvailabilityZone: s.AvailabilityZone }))
      .sort((a, b) => (a.AvailabilityZone ?? '').localeCompare(b.AvailabilityZone ?? '')),
    securityGroups: (groups.SecurityGroups ?? []).map((g) => ({ GroupId: g.GroupId!, GroupName: g.GroupName })),
  };
}

export function groupId(network: Observed<NetworkView> | undefined, name: string): string | undefined {
  if (!network || isCaptured(network)) return undefined;
  return network.securityGroups.find((g) => g.GroupName === name)?.GroupId;
}

/** One public subnet per AZ, for an ALB that needs two AZs. */
export function publicSubnetIds(network: Observed<NetworkView> | undefined): string[] {
  if (!network || isCaptured(network)) return [];
  const byZone = new Map<string, string>();
  for (const subnet of network.publicSubnets) if (!byZone.has(subnet.AvailabilityZone ?? subnet.SubnetId)) byZone.set(subnet.AvailabilityZone ?? subnet.SubnetId, subnet.SubnetId);
  return [...byZone.values()];
}
