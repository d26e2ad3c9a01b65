/** network/internet-gateway: an internet gateway is attached to the lesson VPC (a detached one is named). */
import { defineCheck, isCaptured, type CheckResult } from '#check-kit';
import { chosenVpc, couldNotRead, withoutVpc } from './network-facts.ts';
import { observeNetwork, type NetworkSnapshot } from './observe-network.ts';
import { found, missingResource } from '#check-kit';

export default defineCheck<NetworkSnapshot>({
  id: 'network/internet-gateway',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ec2 describe-internet-gateways --region {{region}} --filters Name=attachment.vpc-id,Values=$(aws ec2 describe-vpcs --region {{region}} --filters Name=tag:Name,Values={{vpcName}} --query 'Vpcs[0].VpcId' --output text) --query 'InternetGateways[].[InternetGatewayId,Attachments[0].State]' --output table",
  ],
  observe: (ctx) => observeNetwork(ctx, ['gateways']),
  judge(snapshot, vars): CheckResult {
    const missing = withoutVpc(snapshot, vars, 'internet-gateway');
    if (missing) return missing;
    const vpc = chosenVpc(snapshot)!;
    if (!snapshot.gateways || isCaptured(snapshot.gateways)) return couldNotRead(snapshot, snapshot.gateways, 'ec2:DescribeInternetGateways');
    const label = { key: 'network.internet-gateway.attached.label', params: { vpc: vpc.VpcId } };
    const attached = snapshot.gateways.find((gateway) => gateway.Attachments.some((attachment) => attachment.VpcId === vpc.VpcId));
    if (attached) {
      const state = attached.Attachments.find((attachment) => attachment.VpcId === vpc.VpcId)!.State;
      const ready = state === 'available' || state === 'attached';
      return {
        status: ready ? 'pass' : 'pending',
        summary: { key: ready ? 'network.internet-gateway.pass' : 'network.internet-gateway.pending', params: { id: attached.InternetGatewayId, vpc: vpc.VpcId } },
        items: [{ id: 'attached', status: ready ? 'pass' : 'pending', label, actual: `${attached.InternetGatewayId} ${state}` }],
        resources: found('internet-gateway', snapshot.region, attached.InternetGatewayId, { name: attached.Name, state, presence: ready ? 'healthy' : 'exists' }),
      };
    }
    const detached = snapshot.gateways.find((gateway) => gateway.Name === `${vars.vpcName}-igw`) ?? snapshot.gateways.find((gateway) => gateway.Attachments.length === 0);
    return {
      status: 'fail',
      summary: { key: detached ? 'network.internet-gateway.detached' : 'network.internet-gateway.missing', params: { vpc: vpc.VpcId } },
      items: [{
        id: 'attached', status: 'fail', label, expected: `an internet gateway attached to ${vpc.VpcId}`, actual: detached ? `${detached.InternetGatewayId} detached` : { key: 'value.none' },
        hint: { key: detached ? 'network.internet-gateway.detached.hint' : 'network.internet-gateway.missing.hint', params: { id: detached?.InternetGatewayId ?? '' } },
        fix: detached
          ? `aws ec2 attach-internet-gateway --region ${snapshot.region} --internet-gateway-id ${detached.InternetGatewayId} --vpc-id ${vpc.VpcId}`
          : `IGW_ID=$(aws ec2 create-internet-gateway --region ${snapshot.region} --tag-specifications 'ResourceType=internet-gateway,Tags=[{Key=Name,Value=${vars.vpcName}-igw}]' --query InternetGateway.InternetGatewayId --output text) && aws ec2 attach-internet-gateway --region ${snapshot.region} --internet-gateway-id $IGW_ID --vpc-id ${vpc.VpcId}`,
      }],
      resources: detached ? found('internet-gateway', snapshot.region, detached.InternetGatewayId, { name: detached.Name, state: 'detached' }) : missingResource('internet-gateway', snapshot.region, `${vars.vpcName}-igw`),
    };
  },
});
