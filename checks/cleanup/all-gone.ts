/**
 * cleanup/all-gone: the free-but-cluttering rest is gone too: target group, cluster, ACTIVE task
 * definitions, repository, log group, and the lesson VPC with its security groups, subnets, route
 * tables and internet gateway. Each leftover comes with the command that deletes it, in an order
 * that works; network interfaces Fargate has not released yet make it pending.
 */
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeInternetGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2';
import { DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { DescribeClustersCommand, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { FoundResource, LearnerVariables } from '#check-kit';
import { capture, defineCheck, errorItem, failedToLook, familyRevisionOf, identityItems, isCaptured, isNotFound, observeBase, result, shellQuote, type BaseSnapshot, type CheckContext, type CheckItem, type Observed } from '#check-kit';
import { lessonVpcId } from './billable-gone.ts';
import { found, missingResource } from '#check-kit';

const lesson = 'cleanup';
const key = (suffix: string) => `${lesson}.all-gone.${suffix}`;

interface VpcParts {
  vpcId: string;
  securityGroups: { GroupId?: string; GroupName?: string }[];
  subnets: { SubnetId?: string; CidrBlock?: string }[];
  routeTables: { RouteTableId?: string; associationIds: string[] }[];
  internetGateways: { InternetGatewayId?: string }[];
  networkInterfaces: { NetworkInterfaceId?: string; Description?: string; Status?: string }[];
}

export interface AllGoneSnapshot extends BaseSnapshot {
  targetGroup: Observed<{ TargetGroups?: { TargetGroupArn?: string }[] }>;
  cluster: Observed<{ status?: string }>;
  taskDefinitions: Observed<{ arns: string[] }>;
  repository: Observed<{ repositories?: { repositoryName?: string }[] }>;
  logGroups: Observed<{ names: string[] }>;
  vpc: Observed<{ vpcId?: string }>;
  parts?: Observed<VpcParts>;
}

async function observeTaskDefinitions(ctx: CheckContext): Promise<AllGoneSnapshot['taskDefinitions']> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await capture(ctx.aws.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: ctx.vars.taskFamily, status: 'ACTIVE', nextToken }), { abortSignal: ctx.signal }));
    if (isCaptured(page)) return page;
    arns.push(...(page.taskDefinitionArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  // familyPrefix also matches longer family names; keep this family's revisions only.
  return { arns: arns.filter((arn) => familyRevisionOf(arn).split(':')[0] === ctx.vars.taskFamily) };
}

async function observeParts(ctx: CheckContext, vpcId: string): Promise<Observed<VpcParts>> {
  const options = { abortSignal: ctx.signal };
  const filter = [{ Name: 'vpc-id', Values: [vpcId] }];
  const [groups, subnets, tables, gateways, enis] = await Promise.all([
    capture(ctx.aws.ec2.send(new DescribeSecurityGroupsCommand({ Filters: filter }), options)),
    capture(ctx.aws.ec2.send(new DescribeSubnetsCommand({ Filters: filter }), options)),
    capture(ctx.aws.ec2.send(new DescribeRouteTablesCommand({ Filters: filter }), options)),
    capture(ctx.aws.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }), options)),
    capture(ctx.aws.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: filter }), options)),
  ]);
  if (isCaptured(groups)) return groups;
  if (isCaptured(subnets)) return subnets;
  if (isCaptured(tables)) return tables;
  if (isCaptured(gateways)) return gateways;
  if (isCaptured(enis)) return enis;
  return {
    vpcId,
    securityGroups: (groups.SecurityGroups ?? []).filter((g) => g.GroupName !== 'default').map((g) => ({ GroupId: g.GroupId, GroupName: g.GroupName })),
    subnets: (subnets.Subnets ?? []).map((s) => ({ SubnetId: s.SubnetId, CidrBlock: s.CidrBlock })),
    routeTables: (tables.RouteTables ?? []).filter((t) => !(t.Associations ?? []).some((a) => a.Main)).map((t) => ({
      RouteTableId: t.RouteTableId, associationIds: (t.Associations ?? []).map((a) => a.RouteTableAssociationId ?? '').filter(Boolean),
    })),
    internetGateways: (gateways.InternetGateways ?? []).map((g) => ({ InternetGatewayId: g.InternetGatewayId })),
    networkInterfaces: (enis.NetworkInterfaces ?? []).map((n) => ({ NetworkInterfaceId: n.NetworkInterfaceId, Description: n.Description, Status: n.Status })),
  };
}

export default defineCheck<AllGoneSnapshot>({
  id: 'cleanup/all-gone',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ecs describe-clusters --region {{region}} --clusters {{cluster}} --query 'clusters[].status'",
    "aws ecs list-task-definitions --region {{region}} --family-prefix {{taskFamily}} --status ACTIVE",
    "aws ecr describe-repositories --region {{region}} --query 'repositories[].repositoryName'",
    "aws ec2 describe-vpcs --region {{region}} --filters Name=tag:Name,Values={{vpcName}} --query 'Vpcs[].VpcId'",
  ],
  async observe(ctx) {
    const options = { abortSignal: ctx.signal };
    const { targetGroup, cluster, repository, logGroup } = ctx.vars;
    const [base, tg, clusters, taskDefinitions, repositories, logGroups, vpc] = await Promise.all([
      observeBase(ctx),
      capture(ctx.aws.elbv2.send(new DescribeTargetGroupsCommand({ Names: [targetGroup] }), options)),
      capture(ctx.aws.ecs.send(new DescribeClustersCommand({ clusters: [cluster] }), options)),
      observeTaskDefinitions(ctx),
      capture(ctx.aws.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [repository] }), options)),
      capture(ctx.aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroup }), options)),
      lessonVpcId(ctx),
    ]);
    const snapshot: AllGoneSnapshot = {
      ...base,
      targetGroup: isCaptured(tg) ? tg : { TargetGroups: (tg.TargetGroups ?? []).map((t) => ({ TargetGroupArn: t.TargetGroupArn })) },
      cluster: isCaptured(clusters) ? clusters : { status: clusters.clusters?.[0]?.status ?? clusters.failures?.[0]?.reason ?? 'MISSING' },
      taskDefinitions,
      repository: isCaptured(repositories) ? repositories : { repositories: (repositories.repositories ?? []).map((r) => ({ repositoryName: r.repositoryName })) },
      logGroups: isCaptured(logGroups) ? logGroups : { names: (logGroups.logGroups ?? []).map((g) => g.logGroupName ?? '').filter((name) => name === logGroup) },
      vpc,
    };
    if (!isCaptured(vpc) && vpc.vpcId) snapshot.parts = await observeParts(ctx, vpc.vpcId);
    return snapshot;
  },
  judge(snapshot, vars) {
    const items: CheckItem[] = identityItems(snapshot);
    for (const [call, value] of [
      ['elbv2:DescribeTargetGroups', snapshot.targetGroup], ['ecs:DescribeClusters', snapshot.cluster], ['ecs:ListTaskDefinitions', snapshot.taskDefinitions],
      ['ecr:DescribeRepositories', snapshot.repository], ['logs:DescribeLogGroups', snapshot.logGroups], ['ec2:DescribeVpcs', snapshot.vpc], ['ec2:Describe* (VPC parts)', snapshot.parts],
    ] as const) {
      if (failedToLook(value)) return result(lesson, [...items, errorItem(call, value)]);
    }
    const left: CheckItem[] = [];
    const leftover = (id: string, name: string, fix: string, status: 'fail' | 'pending' = 'fail', hint = `${id.split(':')[0]}.hint`): CheckItem => ({
      id, status, label: { key: key(`${id.split(':')[0]}.label`), params: { name } }, expected: { key: 'value.deleted' }, actual: { key: 'value.still-there' }, hint: { key: key(hint) }, fix,
    });
    const tgArn = isCaptured(snapshot.targetGroup) ? undefined : snapshot.targetGroup.TargetGroups?.[0]?.TargetGroupArn;
    if (tgArn) left.push(leftover('target-group', vars.targetGroup, `aws elbv2 delete-target-group --region ${vars.region} --target-group-arn ${tgArn}`));
    if (!isCaptured(snapshot.cluster) && !['INACTIVE', 'MISSING'].includes(snapshot.cluster.status ?? 'MISSING')) {
      left.push(leftover('cluster', vars.cluster, `aws ecs delete-cluster --region ${vars.region} --cluster ${vars.cluster}`));
    }
    for (const arn of isCaptured(snapshot.taskDefinitions) ? [] : snapshot.taskDefinitions.arns) {
      left.push(leftover(`task-definition:${familyRevisionOf(arn)}`, familyRevisionOf(arn), `aws ecs deregister-task-definition --region ${vars.region} --task-definition ${familyRevisionOf(arn)}`));
    }
    if (!isNotFound(snapshot.repository) && !isCaptured(snapshot.repository) && snapshot.repository.repositories?.length) {
      left.push(leftover('repository', vars.repository, `aws ecr delete-repository --region ${vars.region} --repository-name ${vars.repository} --force`));
    }
    if (!isCaptured(snapshot.logGroups) && snapshot.logGroups.names.length) {
      left.push(leftover('log-group', vars.logGroup, `aws logs delete-log-group --region ${vars.region} --log-group-name ${shellQuote(vars.logGroup)}`));
    }
    const parts = snapshot.parts && !isCaptured(snapshot.parts) ? snapshot.parts : undefined;
    if (parts) left.push(...vpcItems(parts, vars.taskSecurityGroup, vars.region));
    if (left.length === 0) items.push({ id: 'nothing-left', status: 'pass', label: { key: key('nothing-left.label') } });
    return result(lesson, [...items, ...left], allGoneResources(snapshot, vars));
  },
});

/** What is left and what is gone, for the map and the cost panel (ECR and log storage included). */
function allGoneResources(snapshot: AllGoneSnapshot, vars: LearnerVariables): FoundResource[] {
  const region = snapshot.region;
  const either = (type: FoundResource['type'], there: boolean, id: string | undefined, name: string) => (there ? found(type, region, id ?? name, { name }) : missingResource(type, region, name));
  const tgArn = isCaptured(snapshot.targetGroup) ? undefined : snapshot.targetGroup.TargetGroups?.[0]?.TargetGroupArn;
  const clusterThere = !isCaptured(snapshot.cluster) && !['INACTIVE', 'MISSING'].includes(snapshot.cluster.status ?? 'MISSING');
  const definitions = isCaptured(snapshot.taskDefinitions) ? [] : snapshot.taskDefinitions.arns;
  const repositoryThere = !isCaptured(snapshot.repository) && !!snapshot.repository.repositories?.length;
  const logGroupThere = !isCaptured(snapshot.logGroups) && snapshot.logGroups.names.length > 0;
  const parts = snapshot.parts && !isCaptured(snapshot.parts) ? snapshot.parts : undefined;
  const vpcId = isCaptured(snapshot.vpc) ? undefined : snapshot.vpc.vpcId;
  return [
    ...either('target-group', !!tgArn, tgArn, vars.targetGroup),
    ...either('cluster', clusterThere, undefined, vars.cluster),
    ...(definitions.length ? definitions.flatMap((arn) => found('task-definition', region, arn, { name: familyRevisionOf(arn) })) : missingResource('task-definition', region, vars.taskFamily)),
    ...either('ecr-repository', repositoryThere, undefined, vars.repository),
    // The images go with their repository; while it stays, the image-pushed check speaks for them.
    ...(repositoryThere ? [] : missingResource('image', region, `${vars.repository}:latest`)),
    ...either('log-group', logGroupThere, undefined, vars.logGroup),
    ...either('vpc', !!vpcId, vpcId, vars.vpcName),
    ...(parts?.subnets.length ? parts.subnets.flatMap((s) => found('subnet', region, s.SubnetId, { name: s.CidrBlock })) : missingResource('subnet', region, `${vars.vpcName}-public`)),
    ...(parts?.securityGroups.length ? parts.securityGroups.flatMap((g) => found('security-group', region, g.GroupId, { name: g.GroupName })) : missingResource('security-group', region, vars.albSecurityGroup)),
    ...(parts?.routeTables.length ? parts.routeTables.flatMap((t) => found('route-table', region, t.RouteTableId)) : missingResource('route-table', region, `${vars.vpcName}-public`)),
    ...(parts?.internetGateways.length ? parts.internetGateways.flatMap((g) => found('internet-gateway', region, g.InternetGatewayId)) : missingResource('internet-gateway', region, `${vars.vpcName}-igw`)),
  ];
}

function vpcItems(parts: VpcParts, taskSecurityGroup: string, region: string): CheckItem[] {
  const items: CheckItem[] = [];
  const item = (id: string, name: string, fix: string, status: 'fail' | 'pending' = 'fail', hint?: string): CheckItem => ({
    id, status, label: { key: key(`${id.split(':')[0]}.label`), params: { name } }, expected: { key: 'value.deleted' }, actual: { key: 'value.still-there' },
    hint: { key: key(hint ?? `${id.split(':')[0]}.hint`) }, ...(fix && { fix }),
  });
  // Fargate releases task ENIs minutes after the tasks stop; until then subnets and groups cannot go.
  for (const eni of parts.networkInterfaces) {
    items.push(item(`network-interface:${eni.NetworkInterfaceId}`, `${eni.NetworkInterfaceId} (${eni.Description ?? ''})`, '', 'pending', 'network-interface.lingering'));
  }
  // The task group references the ALB group, so it goes first.
  const groups = [...parts.securityGroups].sort((a, b) => Number(b.GroupName === taskSecurityGroup) - Number(a.GroupName === taskSecurityGroup));
  // While ENIs linger, groups and subnets cannot be deleted yet: that is waiting, not a mistake.
  const blocked = parts.networkInterfaces.length > 0 ? 'pending' : 'fail';
  for (const group of groups) items.push(item(`security-group:${group.GroupId}`, `${group.GroupName} (${group.GroupId})`, `aws ec2 delete-security-group --region ${region} --group-id ${group.GroupId}`, blocked));
  for (const subnet of parts.subnets) items.push(item(`subnet:${subnet.SubnetId}`, `${subnet.SubnetId} (${subnet.CidrBlock})`, `aws ec2 delete-subnet --region ${region} --subnet-id ${subnet.SubnetId}`, blocked));
  for (const table of parts.routeTables) {
    const steps = [...table.associationIds.map((id) => `aws ec2 disassociate-route-table --region ${region} --association-id ${id}`), `aws ec2 delete-route-table --region ${region} --route-table-id ${table.RouteTableId}`];
    items.push(item(`route-table:${table.RouteTableId}`, table.RouteTableId ?? '', steps.join(' && ')));
  }
  for (const gateway of parts.internetGateways) {
    items.push(item(`internet-gateway:${gateway.InternetGatewayId}`, gateway.InternetGatewayId ?? '',
      `aws ec2 detach-internet-gateway --region ${region} --internet-gateway-id ${gateway.InternetGatewayId} --vpc-id ${parts.vpcId} && aws ec2 delete-internet-gateway --region ${region} --internet-gateway-id ${gateway.InternetGatewayId}`));
  }
  items.push(item('vpc', parts.vpcId, `aws ec2 delete-vpc --region ${region} --vpc-id ${parts.vpcId}`, blocked));
  return items;
}
