/**
 * network/vpc: a non-default VPC named vpcName (or with the lesson's CIDR 10.0.0.0/20) exists. Own
 * CIDRs pass with a note; one too small for four /24 subnets fails, because the subnets step needs them.
 */
import { defineCheck, type CheckItem, type CheckResult } from '#check-kit';
import { chosenVpc, createVpcCommand, withoutVpc } from './network-facts.ts';
import { lessonVpcCidr, observeNetwork, type NetworkSnapshot } from './observe-network.ts';
import { found } from '#check-kit';

export default defineCheck<NetworkSnapshot>({
  id: 'network/vpc',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ec2 describe-vpcs --region {{region}} --filters Name=tag:Name,Values={{vpcName}} --query 'Vpcs[].[VpcId,CidrBlock,State]' --output table",
  ],
  observe: (ctx) => observeNetwork(ctx, []),
  judge(snapshot, vars): CheckResult {
    const missing = withoutVpc(snapshot, vars, 'vpc');
    if (missing) return missing;
    const vpc = chosenVpc(snapshot)!;
    const items: CheckItem[] = [
      { id: 'vpc', status: 'pass', label: { key: 'network.vpc.exists.label', params: { vpc: vars.vpcName, cidr: lessonVpcCidr, region: snapshot.region } }, actual: `${vpc.VpcId} ${vpc.Name ?? ''}`.trim() },
    ];
    if (vpc.State !== 'available') {
      items.push({ id: 'state', status: 'pending', label: { key: 'network.vpc.state.label' }, expected: 'available', actual: vpc.State });
    }
    const prefix = Number(vpc.CidrBlock.split('/')[1]);
    if (vpc.CidrBlock === lessonVpcCidr) {
      items.push({ id: 'cidr', status: 'pass', label: { key: 'network.vpc.cidr.label', params: { cidr: lessonVpcCidr } }, actual: vpc.CidrBlock });
    } else {
      const tooSmall = prefix > 22;
      items.push({
        id: 'cidr', status: tooSmall ? 'fail' : 'warn', label: { key: 'network.vpc.cidr.label', params: { cidr: lessonVpcCidr } },
        expected: lessonVpcCidr, actual: vpc.CidrBlock, hint: { key: tooSmall ? 'network.vpc.cidr.too-small' : 'network.vpc.cidr.own', params: { cidr: vpc.CidrBlock } },
        // A secondary CIDR may not overlap the primary (and 172.16/192.168 primaries may not add 10/8): recreate it.
        ...(tooSmall && { fix: `aws ec2 delete-vpc --region ${snapshot.region} --vpc-id ${vpc.VpcId} && ${createVpcCommand(vars)}` }),
      });
    }
    items.push(vpc.Name === vars.vpcName
      ? { id: 'name', status: 'pass', label: { key: 'network.vpc.name.label', params: { vpc: vars.vpcName } }, actual: vpc.Name }
      : {
          id: 'name', status: 'warn', label: { key: 'network.vpc.name.label', params: { vpc: vars.vpcName } }, expected: vars.vpcName, actual: vpc.Name ?? { key: 'value.no-name-tag' },
          hint: { key: 'network.vpc.name.hint' }, fix: `aws ec2 create-tags --region ${snapshot.region} --resources ${vpc.VpcId} --tags Key=Name,Value=${vars.vpcName}`,
        });
    const status = items.some((item) => item.status === 'fail') ? 'fail' : items.some((item) => item.status === 'pending') ? 'pending' : 'pass';
    return {
      status,
      summary: { key: `network.vpc.${status}`, params: { id: vpc.VpcId, cidr: vpc.CidrBlock } },
      items,
      resources: found('vpc', snapshot.region, vpc.VpcId, { name: vpc.Name, state: vpc.State, presence: status === 'pass' ? 'healthy' : 'exists' }),
    };
  },
});
