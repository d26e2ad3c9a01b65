/** Pure reasoning over a network snapshot, shared by the network judges. */
import { couldNotLookAt, isCaptured, nearMiss, shellQuote, type CheckResult, type LearnerVariables } from '#check-kit';
import { lessonSubnets, lessonVpcCidr, type NetworkSnapshot, type RouteTableFacts, type SubnetFacts, type VpcFacts } from './observe-network.ts';
import { missingResource } from '#check-kit';

export function createVpcCommand(vars: LearnerVariables): string {
  return `aws ec2 create-vpc --cidr-block ${lessonVpcCidr} --region ${vars.region} --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=${vars.vpcName}},{Key=workbook:lesson,Value=network}]'`;
}

/** The result when there is no VPC to judge: could not look, or not found (with where it might be). */
export function withoutVpc(snapshot: NetworkSnapshot, vars: LearnerVariables, step: string): CheckResult | undefined {
  if (isCaptured(snapshot.vpcs)) return couldNotLookAt('ec2:DescribeVpcs', snapshot.vpcs.$error, snapshot.region);
  if (snapshot.vpcId) return undefined;
  const similar = nearMiss(vars.vpcName, snapshot.otherVpcNames ?? []);
  const foundIn = snapshot.foundIn ?? [];
  const defaultNamed = snapshot.vpcs.find((vpc) => vpc.IsDefault);
  return {
    status: 'fail',
    summary: { key: step === 'vpc' ? 'network.vpc.missing' : 'network.needs-vpc', params: { vpc: vars.vpcName, region: snapshot.region } },
    items: [{
      id: 'vpc', status: 'fail', label: { key: 'network.vpc.exists.label', params: { vpc: vars.vpcName, cidr: lessonVpcCidr, region: snapshot.region } },
      expected: `${vars.vpcName} (${lessonVpcCidr}) in ${snapshot.region}`,
      actual: foundIn.length ? `found in ${foundIn.join(', ')}` : defaultNamed ? `${defaultNamed.VpcId} is the default VPC` : similar ?? { key: 'value.not-found' },
      hint: foundIn.length
        ? { key: 'network.vpc.other-region', params: { regions: foundIn.join(', '), region: snapshot.region } }
        : defaultNamed ? { key: 'network.vpc.default' }
        : similar ? { key: 'network.vpc.near-miss', params: { found: similar, vpc: vars.vpcName } } : { key: 'network.vpc.missing.hint' },
      fix: similar && !foundIn.length ? `aws ec2 create-tags --region ${snapshot.region} --resources $(aws ec2 describe-vpcs --region ${snapshot.region} --filters Name=tag:Name,Values=${shellQuote(similar)} --query 'Vpcs[0].VpcId' --output text) --tags Key=Name,Value=${vars.vpcName}` : createVpcCommand(vars),
    }],
    resources: missingResource('vpc', snapshot.region, vars.vpcName),
  };
}

/** Could not look: a part of the snapshot the judge needs is an SDK error, or missing (no answer). */
export function couldNotRead(snapshot: NetworkSnapshot, part: unknown, where: string): CheckResult {
  return couldNotLookAt(where, isCaptured(part) ? part.$error : { name: 'Error', message: 'no answer' }, snapshot.region);
}

export function chosenVpc(snapshot: NetworkSnapshot): VpcFacts | undefined {
  return isCaptured(snapshot.vpcs) ? undefined : snapshot.vpcs.find((vpc) => vpc.VpcId === snapshot.vpcId);
}

/** A subnet's route table: its explicit association, else the VPC's main table. */
export function routeTableFor(subnetId: string, tables: RouteTableFacts[]): RouteTableFacts | undefined {
  return tables.find((table) => table.SubnetIds.includes(subnetId)) ?? tables.find((table) => table.Main);
}

export type RouteKind = 'public' | 'blackhole' | 'nat' | 'private';

/** Public means 0.0.0.0/0 to an internet gateway attached to this VPC, and the route active. */
export function defaultRoute(table: RouteTableFacts | undefined, attachedGatewayIds: string[]): RouteKind {
  const route = table?.Routes.find((entry) => entry.DestinationCidrBlock === '0.0.0.0/0');
  if (!route) return 'private';
  if (route.State === 'blackhole') return 'blackhole';
  if (route.NatGatewayId) return 'nat';
  if (route.GatewayId?.startsWith('igw-') && attachedGatewayIds.includes(route.GatewayId)) return 'public';
  return route.GatewayId?.startsWith('igw-') ? 'blackhole' : 'private';
}

/** What the learner meant a subnet to be, from its name or the lesson's CIDRs; undefined if unclear. */
export function intendedRole(subnet: SubnetFacts): 'public' | 'private' | undefined {
  const name = subnet.Name?.toLowerCase() ?? '';
  if (name.includes('public')) return 'public';
  if (name.includes('private')) return 'private';
  return lessonSubnets.find((entry) => entry.cidr === subnet.CidrBlock)?.role;
}

export const describeSubnet = (subnet: SubnetFacts) => `${subnet.Name ?? subnet.SubnetId} ${subnet.CidrBlock} ${subnet.AvailabilityZone}`;
