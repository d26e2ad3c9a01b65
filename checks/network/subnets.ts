/**
 * network/subnets: the VPC has a public and a private subnet in each of two Availability Zones (the
 * load balancer of lesson 08 needs two AZs). Routing is the next steps' business, so here a subnet's
 * role comes from its name or the lesson's CIDR; own CIDRs and names pass with a note.
 */
import { defineCheck, isCaptured, type CheckItem, type CheckResult, type LearnerVariables } from '#check-kit';
import { chosenVpc, couldNotRead, describeSubnet, intendedRole, withoutVpc } from './network-facts.ts';
import { lessonSubnets, lessonVpcCidr, observeNetwork, type NetworkSnapshot, type SubnetFacts } from './observe-network.ts';
import { found, missingResource } from '#check-kit';

/**
 * A shell expression for an available Availability Zone other than `used`, looked up in the region:
 * zone letters differ per region and account (ap-northeast-1 has no b; some regions have no a or c),
 * so a fix never names one it has not seen.
 */
export function zoneLookup(region: string, used: readonly string[]): string {
  const others = used.map((zone) => `ZoneName!=\`${zone}\``).join(' && ');
  const query = others ? `AvailabilityZones[?${others}] | [0].ZoneName` : 'AvailabilityZones[0].ZoneName';
  return `$(aws ec2 describe-availability-zones --region ${region} --filters Name=state,Values=available --query '${query}' --output text)`;
}

/** The lesson names subnets `-a` in the first zone and `-c` in the second, whatever the zones are called. */
export function createSubnetCommand(vars: LearnerVariables, vpcId: string, role: 'public' | 'private', usedZones: readonly string[], cidr: string): string;
export function createSubnetCommand(vars: LearnerVariables, vpcId: string, role: 'public' | 'private', usedZones: readonly string[], cidr: string | undefined): string | undefined;
export function createSubnetCommand(vars: LearnerVariables, vpcId: string, role: 'public' | 'private', usedZones: readonly string[], cidr: string | undefined): string | undefined {
  if (cidr === undefined) return undefined;
  const az = zoneLookup(vars.region, usedZones);
  const suffix = usedZones.length === 0 ? 'a' : 'c';
  return `aws ec2 create-subnet --region ${vars.region} --vpc-id ${vpcId} --availability-zone ${az} --cidr-block ${cidr} --tag-specifications 'ResourceType=subnet,Tags=[{Key=Name,Value=${vars.vpcName}-${role}-${suffix}},{Key=workbook:lesson,Value=network}]'`;
}

/**
 * A lesson CIDR for this role that no subnet uses yet. In a VPC of the learner's own range there is
 * no lesson CIDR to offer, and a `<placeholder>` next to a Run button would be read by the shell as
 * a redirection: then there is no fix command, and the hint says what to choose.
 */
function freeCidr(subnets: SubnetFacts[], role: 'public' | 'private', vpcCidr: string): string | undefined {
  if (vpcCidr !== lessonVpcCidr) return undefined;
  const used = new Set(subnets.map((subnet) => subnet.CidrBlock));
  return lessonSubnets.find((entry) => entry.role === role && !used.has(entry.cidr))?.cidr
    ?? ['10.0.4.0/24', '10.0.5.0/24', '10.0.6.0/24', '10.0.7.0/24'].find((cidr) => !used.has(cidr))!;
}

export default defineCheck<NetworkSnapshot>({
  id: 'network/subnets',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ec2 describe-subnets --region {{region}} --filters Name=vpc-id,Values=$(aws ec2 describe-vpcs --region {{region}} --filters Name=tag:Name,Values={{vpcName}} --query 'Vpcs[0].VpcId' --output text) --query 'Subnets[].[SubnetId,CidrBlock,AvailabilityZone,Tags[?Key==`Name`]|[0].Value]' --output table",
  ],
  observe: (ctx) => observeNetwork(ctx, ['subnets']),
  judge(snapshot, vars): CheckResult {
    const missing = withoutVpc(snapshot, vars, 'subnets');
    if (missing) return missing;
    const vpc = chosenVpc(snapshot)!;
    if (!snapshot.subnets || isCaptured(snapshot.subnets)) return couldNotRead(snapshot, snapshot.subnets, 'ec2:DescribeSubnets');
    const subnets = snapshot.subnets;
    const azs = [...new Set(subnets.map((subnet) => subnet.AvailabilityZone))].sort();
    const items: CheckItem[] = [];

    if (subnets.length === 0) {
      items.push({
        id: 'two-azs', status: 'fail', label: { key: 'network.subnets.two-azs.label' }, expected: '4 subnets in 2 AZs', actual: { key: 'value.no-subnets' },
        hint: { key: 'network.subnets.none.hint' }, fix: createSubnetCommand(vars, vpc.VpcId, 'public', [], freeCidr(subnets, 'public', vpc.CidrBlock)),
      });
    } else if (azs.length < 2) {
      items.push({
        id: 'two-azs', status: 'fail', label: { key: 'network.subnets.two-azs.label' }, expected: '2 Availability Zones', actual: azs.join(', '),
        hint: { key: 'network.subnets.one-az.hint', params: { az: azs[0]! } }, fix: createSubnetCommand(vars, vpc.VpcId, 'public', azs, freeCidr(subnets, 'public', vpc.CidrBlock)),
      });
    } else {
      items.push({ id: 'two-azs', status: 'pass', label: { key: 'network.subnets.two-azs.label' }, actual: azs.join(', ') });
    }

    for (const role of ['public', 'private'] as const) {
      const meant = subnets.filter((subnet) => intendedRole(subnet) === role);
      const meantAzs = [...new Set(meant.map((subnet) => subnet.AvailabilityZone))];
      const label = { key: `network.subnets.${role}.label` };
      if (meantAzs.length >= 2) {
        items.push({ id: role, status: 'pass', label, actual: meant.map(describeSubnet).join('; ') });
      } else if (subnets.length > 0) {
        // Public subnets carry the load balancer (lesson 08): one AZ is a failure. Private ones are the
        // source's layout, not needed by later lessons: a note.
        const unclear = meant.length === 0 && role === 'public' && subnets.every((subnet) => intendedRole(subnet) === undefined);
        const status = role === 'public' && !unclear ? 'fail' : 'warn';
        items.push({
          id: role, status, label, expected: `${role} subnets in 2 AZs`, actual: meant.length ? meant.map(describeSubnet).join('; ') : { key: 'value.no-lesson-subnets' },
          hint: { key: unclear ? 'network.subnets.public.unclear' : `network.subnets.${role}.hint` },
          fix: createSubnetCommand(vars, vpc.VpcId, role, meantAzs, freeCidr(subnets, role, vpc.CidrBlock)),
        });
      }
    }

    const own = subnets.filter((subnet) => !lessonSubnets.some((entry) => entry.cidr === subnet.CidrBlock));
    if (subnets.length > 0 && own.length > 0) {
      items.push({ id: 'cidrs', status: 'warn', label: { key: 'network.subnets.cidrs.label' }, expected: lessonSubnets.map((entry) => entry.cidr).join(', '), actual: subnets.map((subnet) => subnet.CidrBlock).join(', '), hint: { key: 'network.subnets.cidrs.own' } });
    }
    const failed = items.some((item) => item.status === 'fail');
    return {
      status: failed ? 'fail' : 'pass',
      summary: { key: failed ? 'network.subnets.fail' : 'network.subnets.pass', params: { count: subnets.length, azs: azs.join(', ') } },
      items,
      resources: subnets.length
        ? subnets.flatMap((subnet) => found('subnet', snapshot.region, subnet.SubnetId, { name: subnet.Name, state: `${subnet.CidrBlock} ${subnet.AvailabilityZone}`, presence: failed ? 'exists' : 'healthy' }))
        : missingResource('subnet', snapshot.region, `${vars.vpcName}-public`),
    };
  },
});
