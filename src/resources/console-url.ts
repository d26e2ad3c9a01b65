/**
 * The AWS console page of a resource: a pure function of its type, region and id (or ARN), so
 * every Check, the map and the CLI link to the same place. Local things have no console page.
 */
import type { ResourceType } from './resource-schema.ts';

const lastPart = (id: string) => id.split('/').pop() ?? id;

export function consoleUrl(type: ResourceType, region: string, id: string, name?: string): string | undefined {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) return undefined;
  const base = `https://${region}.console.aws.amazon.com`;
  const q = `region=${region}`;
  const e = encodeURIComponent;
  switch (type) {
    case 'account':
      return `https://console.aws.amazon.com/iam/home?${q}#/home`;
    case 'ecr-repository':
    case 'image': {
      const account = id.match(/(\d{12})/)?.[1] ?? '';
      const repository = type === 'ecr-repository' ? (name ?? lastPart(id)) : (name?.split(':')[0] ?? '');
      return `${base}/ecr/repositories/private/${account}/${e(repository)}?${q}`;
    }
    case 'vpc':
      return `${base}/vpcconsole/home?${q}#VpcDetails:VpcId=${e(id)}`;
    case 'subnet':
      return `${base}/vpcconsole/home?${q}#SubnetDetails:subnetId=${e(id)}`;
    case 'internet-gateway':
      return `${base}/vpcconsole/home?${q}#InternetGateway:internetGatewayId=${e(id)}`;
    case 'route-table':
      return `${base}/vpcconsole/home?${q}#RouteTableDetails:RouteTableId=${e(id)}`;
    case 'nat-gateway':
      return `${base}/vpcconsole/home?${q}#NatGatewayDetails:natGatewayId=${e(id)}`;
    case 'security-group':
      return `${base}/ec2/home?${q}#SecurityGroup:groupId=${e(id)}`;
    case 'network-interface':
      return `${base}/ec2/home?${q}#NetworkInterface:networkInterfaceId=${e(id)}`;
    case 'public-ipv4':
      return `${base}/ec2/home?${q}#NIC:`;
    case 'iam-role':
      return `https://console.aws.amazon.com/iam/home#/roles/details/${e(name ?? lastPart(id))}`;
    case 'cluster':
      return `${base}/ecs/v2/clusters/${e(name ?? lastPart(id))}?${q}`;
    case 'task-definition': {
      const [family = '', revision = ''] = (name ?? lastPart(id)).split(':');
      return `${base}/ecs/v2/task-definitions/${e(family)}${revision ? `/${e(revision)}` : ''}?${q}`;
    }
    case 'task': {
      // arn:aws:ecs:region:account:task/cluster/taskId
      const [, cluster, task] = id.split(':').pop()?.split('/') ?? [];
      return cluster && task ? `${base}/ecs/v2/clusters/${e(cluster)}/tasks/${e(task)}?${q}` : `${base}/ecs/v2/clusters?${q}`;
    }
    case 'service': {
      // arn:aws:ecs:region:account:service/cluster/service
      const [, cluster, service] = id.split(':').pop()?.split('/') ?? [];
      return cluster && service ? `${base}/ecs/v2/clusters/${e(cluster)}/services/${e(service)}?${q}` : `${base}/ecs/v2/clusters?${q}`;
    }
    case 'load-balancer':
      return `${base}/ec2/home?${q}#LoadBalancer:loadBalancerArn=${e(id)}`;
    case 'listener':
      return `${base}/ec2/home?${q}#ListenerDetails:listenerArn=${e(id)}`;
    case 'target-group':
      return `${base}/ec2/home?${q}#TargetGroup:targetGroupArn=${e(id)}`;
    case 'target':
      return `${base}/ec2/home?${q}#TargetGroups:`;
    case 'log-group':
      return `${base}/cloudwatch/home?${q}#logsV2:log-groups/log-group/${e(e(name ?? id))}`;
    case 'stack':
      return `${base}/cloudformation/home?${q}#/stacks/stackinfo?stackId=${e(id)}`;
    default:
      return undefined;
  }
}
