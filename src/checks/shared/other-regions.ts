/**
 * The wrong-region probe for lessons 06–12: when the cluster, the service, the load balancer or
 * the task-definition family is not found in the workbook's region, look for it by the same name in
 * the other likely regions (src/checks/shared/near-miss.ts), so the Check can say "it is in
 * us-east-1" instead of "create it". Only called after a clean "not found", never on an error.
 */
import { DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients, CheckContext, CheckItem } from '../check-contract.ts';
import { foundInOtherRegions } from './near-miss.ts';

export type Findable =
  | { kind: 'cluster'; cluster: string }
  | { kind: 'service'; cluster: string; service: string }
  | { kind: 'load-balancer'; name: string }
  | { kind: 'task-definition'; family: string };

async function exists(aws: AwsClients, what: Findable, signal: AbortSignal): Promise<boolean> {
  const options = { abortSignal: signal };
  try {
    switch (what.kind) {
      case 'cluster': {
        const answer = await aws.ecs.send(new DescribeClustersCommand({ clusters: [what.cluster] }), options);
        return answer.clusters?.some((cluster) => cluster.status === 'ACTIVE') ?? false;
      }
      case 'service': {
        const answer = await aws.ecs.send(new DescribeServicesCommand({ cluster: what.cluster, services: [what.service] }), options);
        return answer.services?.some((service) => service.status === 'ACTIVE') ?? false;
      }
      case 'load-balancer': {
        const answer = await aws.elbv2.send(new DescribeLoadBalancersCommand({ Names: [what.name] }), options);
        return (answer.LoadBalancers?.length ?? 0) > 0;
      }
      case 'task-definition': {
        const answer = await aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: what.family }), options);
        return answer.taskDefinition?.status === 'ACTIVE';
      }
    }
  } catch {
    // Not there, or that region cannot be read (opted out, denied): either way, not found there.
    return false;
  }
}

/** The other likely regions where the thing exists under the learner's name. */
export function lookInOtherRegions(ctx: CheckContext, what: Findable): Promise<string[]> {
  return foundInOtherRegions(ctx.aws, (elsewhere) => exists(elsewhere, what, ctx.signal));
}

/**
 * A "not found" item, turned into "found in another region" when the probe found it: the actual
 * says where, the hint says what to do (the fix, which creates it in the workbook's region, stays).
 */
export function withOtherRegions(item: CheckItem, lesson: string, foundIn: readonly string[] | undefined, name: string, region: string): CheckItem {
  if (!foundIn?.length) return item;
  const regions = foundIn.join(', ');
  return { ...item, actual: `not in ${region}; found in ${regions}`, hint: { key: `${lesson}.common.other-region`, params: { name, regions, region } } };
}
