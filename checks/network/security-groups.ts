/**
 * network/security-groups: in the lesson VPC, the ALB's group admits HTTP 80 from anywhere, and the
 * tasks' group admits the app port 3000 from the ALB's group. Diagnoses groups made in another VPC
 * (often the default one), the ALB group's rule reused for tasks (80 instead of 3000), and rules that
 * work but are wider than needed.
 */
import { defineCheck, isCaptured, nearMiss, type CheckItem, type CheckResult, type LearnerVariables } from '#check-kit';
import { chosenVpc, couldNotRead, withoutVpc } from './network-facts.ts';
import { appPort, observeNetwork, type GroupFacts, type NetworkSnapshot, type RuleFacts } from './observe-network.ts';
import { found, missingResource } from '#check-kit';

const covers = (rule: RuleFacts, port: number) => rule.IpProtocol === '-1' || (rule.IpProtocol === 'tcp' && rule.FromPort <= port && port <= rule.ToPort);

export function createGroupCommand(vars: LearnerVariables, vpcId: string, name: string, description: string): string {
  return `aws ec2 create-security-group --region ${vars.region} --vpc-id ${vpcId} --group-name ${name} --description '${description}' --tag-specifications 'ResourceType=security-group,Tags=[{Key=Name,Value=${name}},{Key=workbook:lesson,Value=network}]'`;
}

export default defineCheck<NetworkSnapshot>({
  id: 'network/security-groups',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ec2 describe-security-groups --region {{region}} --filters Name=group-name,Values={{albSecurityGroup}},{{taskSecurityGroup}} --query 'SecurityGroups[].[GroupName,GroupId]' --output table",
    "aws ec2 describe-security-group-rules --region {{region}} --filters Name=group-id,Values=$(aws ec2 describe-security-groups --region {{region}} --filters Name=group-name,Values={{taskSecurityGroup}} --query 'SecurityGroups[0].GroupId' --output text) --query 'SecurityGroupRules[].[IsEgress,IpProtocol,FromPort,ToPort,CidrIpv4,ReferencedGroupInfo.GroupId]' --output table",
  ],
  observe: (ctx) => observeNetwork(ctx, ['groups']),
  judge(snapshot, vars): CheckResult {
    const missing = withoutVpc(snapshot, vars, 'security-groups');
    if (missing) return missing;
    const vpc = chosenVpc(snapshot)!;
    if (!snapshot.groups || isCaptured(snapshot.groups)) return couldNotRead(snapshot, snapshot.groups, 'ec2:DescribeSecurityGroups');
    if (snapshot.rules && isCaptured(snapshot.rules)) return couldNotRead(snapshot, snapshot.rules, 'ec2:DescribeSecurityGroupRules');
    const groups = snapshot.groups;
    const rules = (snapshot.rules ?? []) as RuleFacts[];
    const region = snapshot.region;
    const items: CheckItem[] = [];

    const find = (name: string, role: 'alb' | 'task', description: string): GroupFacts | undefined => {
      const here = groups.find((group) => group.GroupName === name && group.VpcId === vpc.VpcId);
      const label = { key: `network.security-groups.${role}-exists.label`, params: { name, vpc: vpc.VpcId } };
      if (here) {
        items.push({ id: `${role}-exists`, status: 'pass', label, actual: `${here.GroupId} in ${vpc.VpcId}` });
        return here;
      }
      const elsewhere = groups.find((group) => group.GroupName === name);
      const similar = nearMiss(name, snapshot.groupNamesInVpc ?? []);
      items.push({
        id: `${role}-exists`, status: 'fail', label, expected: `${name} in ${vpc.VpcId}`,
        actual: elsewhere ? `${elsewhere.GroupId} in ${elsewhere.VpcId}` : similar ?? { key: 'value.not-found' },
        hint: elsewhere ? { key: 'network.security-groups.other-vpc', params: { name, vpc: elsewhere.VpcId } }
          : similar ? { key: 'network.security-groups.near-miss', params: { found: similar, name } } : { key: `network.security-groups.${role}-missing` },
        fix: createGroupCommand(vars, vpc.VpcId, name, description),
      });
      return undefined;
    };

    const alb = find(vars.albSecurityGroup, 'alb', 'ALB: HTTP from anywhere');
    const task = find(vars.taskSecurityGroup, 'task', 'ECS tasks: app port from the ALB only');

    if (alb) {
      const ingress = rules.filter((rule) => rule.GroupId === alb.GroupId && !rule.IsEgress && covers(rule, 80));
      const anywhere = ingress.some((rule) => rule.CidrIpv4 === '0.0.0.0/0');
      const label = { key: 'network.security-groups.alb-http.label', params: { name: vars.albSecurityGroup } };
      items.push(anywhere
        ? { id: 'alb-http', status: 'pass', label, actual: 'tcp 80 from 0.0.0.0/0' }
        : {
            id: 'alb-http', status: ingress.length ? 'warn' : 'fail', label, expected: 'tcp 80 from 0.0.0.0/0',
            actual: ingress.length ? ingress.map((rule) => `tcp 80 from ${rule.CidrIpv4 ?? rule.ReferencedGroupId}`).join(', ') : 'no rule for port 80',
            hint: { key: ingress.length ? 'network.security-groups.alb-http.narrow' : 'network.security-groups.alb-http.missing' },
            fix: `aws ec2 authorize-security-group-ingress --region ${region} --group-id ${alb.GroupId} --protocol tcp --port 80 --cidr 0.0.0.0/0`,
          });
    }
    if (task) {
      const ingress = rules.filter((rule) => rule.GroupId === task.GroupId && !rule.IsEgress);
      const onAppPort = ingress.filter((rule) => covers(rule, appPort));
      const fromAlb = onAppPort.some((rule) => alb && rule.ReferencedGroupId === alb.GroupId);
      const fromCidr = onAppPort.find((rule) => rule.CidrIpv4);
      const label = { key: 'network.security-groups.task-app-port.label', params: { name: vars.taskSecurityGroup, port: appPort, alb: vars.albSecurityGroup } };
      const fix = `aws ec2 authorize-security-group-ingress --region ${region} --group-id ${task.GroupId} --protocol tcp --port ${appPort} --source-group ${alb?.GroupId ?? `$(aws ec2 describe-security-groups --region ${region} --filters Name=vpc-id,Values=${vpc.VpcId} Name=group-name,Values=${vars.albSecurityGroup} --query 'SecurityGroups[0].GroupId' --output text)`}`;
      if (fromAlb) {
        items.push({ id: 'task-app-port', status: 'pass', label, actual: `tcp ${appPort} from ${alb!.GroupId}` });
      } else if (fromCidr) {
        items.push({
          id: 'task-app-port', status: 'warn', label, expected: `tcp ${appPort} from ${alb?.GroupId ?? vars.albSecurityGroup}`, actual: `tcp ${appPort} from ${fromCidr.CidrIpv4}`,
          hint: { key: fromCidr.CidrIpv4 === '0.0.0.0/0' ? 'network.security-groups.task-app-port.open' : 'network.security-groups.task-app-port.cidr' }, fix,
        });
      } else {
        const onlyHttp = ingress.some((rule) => covers(rule, 80));
        items.push({
          id: 'task-app-port', status: 'fail', label, expected: `tcp ${appPort} from ${alb?.GroupId ?? vars.albSecurityGroup}`,
          actual: ingress.length ? ingress.map((rule) => `${rule.IpProtocol} ${rule.FromPort}-${rule.ToPort} from ${rule.CidrIpv4 ?? rule.ReferencedGroupId}`).join(', ') : 'no inbound rules',
          hint: { key: onlyHttp ? 'network.security-groups.task-app-port.alb-reused' : 'network.security-groups.task-app-port.missing' }, fix,
        });
      }
      const egress = rules.filter((rule) => rule.GroupId === task.GroupId && rule.IsEgress && covers(rule, 443));
      if (egress.length === 0) {
        items.push({
          id: 'task-egress', status: 'fail', label: { key: 'network.security-groups.task-egress.label', params: { name: vars.taskSecurityGroup } }, expected: { key: 'value.outbound-443' }, actual: { key: 'value.no-outbound-443' },
          hint: { key: 'network.security-groups.task-egress.hint' }, fix: `aws ec2 authorize-security-group-egress --region ${region} --group-id ${task.GroupId} --protocol tcp --port 443 --cidr 0.0.0.0/0`,
        });
      }
    }
    const failed = items.some((item) => item.status === 'fail');
    return {
      status: failed ? 'fail' : 'pass',
      summary: { key: failed ? 'network.security-groups.fail' : 'network.security-groups.pass', params: { alb: vars.albSecurityGroup, task: vars.taskSecurityGroup } },
      items,
      resources: [
        ...(alb ? found('security-group', region, alb.GroupId, { name: alb.GroupName, presence: failed ? 'exists' : 'healthy' }) : missingResource('security-group', region, vars.albSecurityGroup)),
        ...(task ? found('security-group', region, task.GroupId, { name: task.GroupName, presence: failed ? 'exists' : 'healthy' }) : missingResource('security-group', region, vars.taskSecurityGroup)),
      ],
    };
  },
});
