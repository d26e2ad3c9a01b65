/**
 * The reads behind every network check: find the lesson's VPC (by Name tag or by the lesson's CIDR,
 * never the default VPC), then what the step needs of its subnets, route tables, internet gateways
 * and security groups. Responses are trimmed to the fields the judges read.
 */
import {
  DescribeInternetGatewaysCommand, DescribeRouteTablesCommand, DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, type EC2Client, type Filter, type Tag,
} from '@aws-sdk/client-ec2';
import { capture, foundInOtherRegions, isCaptured, type CheckContext, type Observed } from '#check-kit';

export const lessonVpcCidr = '10.0.0.0/20';
/** The lesson's subnets: source 002's private/public pair, and the same pair in a second AZ. */
export const lessonSubnets = [
  { role: 'private', az: 'a', cidr: '10.0.0.0/24' },
  { role: 'public', az: 'a', cidr: '10.0.1.0/24' },
  { role: 'private', az: 'c', cidr: '10.0.2.0/24' },
  { role: 'public', az: 'c', cidr: '10.0.3.0/24' },
] as const;
export const appPort = 3000;

const nameOf = (tags: Tag[] | undefined) => tags?.find((tag) => tag.Key === 'Name')?.Value;

export interface VpcFacts { VpcId: string; CidrBlock: string; State: string; IsDefault: boolean; Name?: string }
export interface SubnetFacts { SubnetId: string; CidrBlock: string; AvailabilityZone: string; Name?: string }
export interface RouteFacts { DestinationCidrBlock?: string; GatewayId?: string; NatGatewayId?: string; State?: string }
export interface RouteTableFacts { RouteTableId: string; Name?: string; Main: boolean; SubnetIds: string[]; Associations: { SubnetId?: string; AssociationId: string; Main: boolean }[]; Routes: RouteFacts[] }
export interface GatewayFacts { InternetGatewayId: string; Name?: string; Attachments: { VpcId: string; State: string }[] }
export interface GroupFacts { GroupId: string; GroupName: string; VpcId: string }
export interface RuleFacts { GroupId: string; IsEgress: boolean; IpProtocol: string; FromPort: number; ToPort: number; CidrIpv4?: string; ReferencedGroupId?: string }

export interface NetworkSnapshot {
  region: string;
  vpcs: Observed<VpcFacts[]>;
  /** The VPC the judges use: the one named vpcName, else the one with the lesson's CIDR. */
  vpcId?: string;
  /** When no VPC was found: other VPC names here, and regions where one with the name or CIDR exists. */
  otherVpcNames?: string[];
  foundIn?: string[];
  subnets?: Observed<SubnetFacts[]>;
  routeTables?: Observed<RouteTableFacts[]>;
  /** Gateways attached to the VPC, plus detached ones (candidates to attach). */
  gateways?: Observed<GatewayFacts[]>;
  groups?: Observed<GroupFacts[]>;
  /** Every security group name in the VPC, for near-miss suggestions. */
  groupNamesInVpc?: string[];
  rules?: Observed<RuleFacts[]>;
}

export type NetworkPart = 'subnets' | 'routes' | 'gateways' | 'groups';

async function findVpcs(ec2: EC2Client, vpcName: string): Promise<Observed<VpcFacts[]>> {
  const found = new Map<string, VpcFacts>();
  for (const filter of [{ Name: 'tag:Name', Values: [vpcName] }, { Name: 'cidr-block-association.cidr-block', Values: [lessonVpcCidr] }]) {
    const described = await capture(ec2.send(new DescribeVpcsCommand({ Filters: [filter] })));
    if (isCaptured(described)) return described;
    for (const vpc of described.Vpcs ?? []) {
      const name = nameOf(vpc.Tags);
      found.set(vpc.VpcId!, { VpcId: vpc.VpcId!, CidrBlock: vpc.CidrBlock!, State: vpc.State!, IsDefault: vpc.IsDefault ?? false, ...(name && { Name: name }) });
    }
  }
  return [...found.values()];
}

/** The lesson VPC among those found: named and non-default first, then the lesson CIDR. */
export function chooseVpc(vpcs: VpcFacts[], vpcName: string): VpcFacts | undefined {
  const usable = vpcs.filter((vpc) => !vpc.IsDefault);
  return usable.find((vpc) => vpc.Name === vpcName && vpc.CidrBlock === lessonVpcCidr)
    ?? usable.find((vpc) => vpc.Name === vpcName)
    ?? usable.find((vpc) => vpc.CidrBlock === lessonVpcCidr);
}

export async function observeNetwork(ctx: CheckContext, parts: NetworkPart[]): Promise<NetworkSnapshot> {
  const { ec2, region } = ctx.aws;
  const { vars } = ctx;
  const vpcs = await findVpcs(ec2, vars.vpcName);
  const snapshot: NetworkSnapshot = { region, vpcs };
  if (isCaptured(vpcs)) return snapshot;
  const vpc = chooseVpc(vpcs, vars.vpcName);
  if (!vpc) {
    const all = await capture(ec2.send(new DescribeVpcsCommand({})));
    snapshot.otherVpcNames = isCaptured(all) ? [] : (all.Vpcs ?? []).map((entry) => nameOf(entry.Tags)).filter((name): name is string => !!name);
    snapshot.foundIn = await foundInOtherRegions(ctx.aws, async (elsewhere) => {
      const found = await findVpcs(elsewhere.ec2, vars.vpcName);
      return !isCaptured(found) && !!chooseVpc(found, vars.vpcName);
    });
    return snapshot;
  }
  snapshot.vpcId = vpc.VpcId;
  const inVpc: Filter[] = [{ Name: 'vpc-id', Values: [vpc.VpcId] }];
  if (parts.includes('subnets') || parts.includes('routes')) {
    const described = await capture(ec2.send(new DescribeSubnetsCommand({ Filters: inVpc })));
    snapshot.subnets = isCaptured(described) ? described : (described.Subnets ?? []).map((subnet) => {
      const name = nameOf(subnet.Tags);
      return { SubnetId: subnet.SubnetId!, CidrBlock: subnet.CidrBlock!, AvailabilityZone: subnet.AvailabilityZone!, ...(name && { Name: name }) };
    });
  }
  if (parts.includes('routes')) {
    const described = await capture(ec2.send(new DescribeRouteTablesCommand({ Filters: inVpc })));
    snapshot.routeTables = isCaptured(described) ? described : (described.RouteTables ?? []).map((table) => {
      const name = nameOf(table.Tags);
      const associations = (table.Associations ?? []).map((association) => ({
        AssociationId: association.RouteTableAssociationId!, Main: association.Main ?? false, ...(association.SubnetId && { SubnetId: association.SubnetId }),
      }));
      return {
        RouteTableId: table.RouteTableId!, ...(name && { Name: name }),
        Main: associations.some((association) => association.Main),
        SubnetIds: associations.flatMap((association) => (association.SubnetId ? [association.SubnetId] : [])),
        Associations: associations,
        Routes: (table.Routes ?? []).map((route) => ({
          ...(route.DestinationCidrBlock && { DestinationCidrBlock: route.DestinationCidrBlock }),
          ...(route.GatewayId && { GatewayId: route.GatewayId }),
          ...(route.NatGatewayId && { NatGatewayId: route.NatGatewayId }),
          ...(route.State && { State: route.State }),
        })),
      };
    });
  }
  if (parts.includes('gateways') || parts.includes('routes')) {
    const attached = await capture(ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpc.VpcId] }] })));
    const all = isCaptured(attached) || (attached.InternetGateways ?? []).length > 0 ? undefined : await capture(ec2.send(new DescribeInternetGatewaysCommand({})));
    const source = isCaptured(attached) ? attached : all && !isCaptured(all) ? [...(attached.InternetGateways ?? []), ...(all.InternetGateways ?? []).filter((gateway) => (gateway.Attachments ?? []).length === 0)] : attached.InternetGateways ?? [];
    snapshot.gateways = isCaptured(source) ? source : source.map((gateway) => {
      const name = nameOf(gateway.Tags);
      return { InternetGatewayId: gateway.InternetGatewayId!, ...(name && { Name: name }), Attachments: (gateway.Attachments ?? []).map((attachment) => ({ VpcId: attachment.VpcId!, State: attachment.State! })) };
    });
  }
  if (parts.includes('groups')) {
    const described = await capture(ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [vars.albSecurityGroup, vars.taskSecurityGroup] }] })));
    snapshot.groups = isCaptured(described) ? described : (described.SecurityGroups ?? []).map((group) => ({ GroupId: group.GroupId!, GroupName: group.GroupName!, VpcId: group.VpcId! }));
    const names = await capture(ec2.send(new DescribeSecurityGroupsCommand({ Filters: inVpc })));
    snapshot.groupNamesInVpc = isCaptured(names) ? [] : (names.SecurityGroups ?? []).map((group) => group.GroupName!);
    if (!isCaptured(snapshot.groups) && snapshot.groups.length > 0) {
      const rules = await capture(ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: snapshot.groups.map((group) => group.GroupId) }], MaxResults: 1000 })));
      snapshot.rules = isCaptured(rules) ? rules : (rules.SecurityGroupRules ?? []).map((rule) => ({
        GroupId: rule.GroupId!, IsEgress: rule.IsEgress ?? false, IpProtocol: rule.IpProtocol!, FromPort: rule.FromPort ?? -1, ToPort: rule.ToPort ?? -1,
        ...(rule.CidrIpv4 && { CidrIpv4: rule.CidrIpv4 }),
        ...(rule.ReferencedGroupInfo?.GroupId && { ReferencedGroupId: rule.ReferencedGroupInfo.GroupId }),
      }));
    }
  }
  return snapshot;
}
