/**
 * The pre-flight's observers: what this machine, its Docker engine and the shared AWS account look
 * like, read and never changed. Their results go to the pure judges (judge-preflight.ts). Every AWS
 * call here is a read the read-only policy allows (src/checks/read-only-policy.test.ts reads this
 * folder too).
 */
import { availableParallelism, totalmem } from 'node:os';
import { DescribeAccountAttributesCommand, DescribeAddressesCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeAccountLimitsCommand, DescribeLoadBalancersCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type Docker from 'dockerode';
import type { AwsClients } from '../../checks/check-contract.ts';
import type { AwsObservation, DockerObservation, HostObservation } from './judge-preflight.ts';

export const sandboxImageTag = 'ecs-workbook-sandbox:latest';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

export async function observeDocker(docker: Docker, imageTag = sandboxImageTag): Promise<DockerObservation> {
  let engine: DockerObservation['engine'];
  try {
    const [version, info] = await Promise.all([docker.version(), docker.info() as Promise<{ Runtimes?: Record<string, unknown>; MemTotal?: number; NCPU?: number }>]);
    engine = { version: version.Version, runtimes: Object.keys(info.Runtimes ?? {}), memoryBytes: info.MemTotal ?? 0, cpus: info.NCPU ?? 0 };
  } catch (error) {
    return { engine: { error: messageOf(error) } };
  }
  try {
    const image = await docker.getImage(imageTag).inspect();
    return { engine, image: { tag: imageTag, created: image.Created } };
  } catch {
    return { engine };
  }
}

/** The machine the sandboxes run on: the engine's view when it answered (it may be a VM), else this process's. */
export function observeHost(docker?: DockerObservation): HostObservation {
  if (docker && !('error' in docker.engine) && docker.engine.memoryBytes > 0) return { memoryBytes: docker.engine.memoryBytes, cpus: docker.engine.cpus };
  return { memoryBytes: totalmem(), cpus: availableParallelism() };
}

/** Counts every page of a paginated list. */
async function countAll<T>(page: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const result = await page(token);
    count += result.items.length;
    token = result.next;
  } while (token);
  return count;
}

export async function observeAwsQuotas(aws: AwsClients): Promise<AwsObservation> {
  try {
    const [vpcs, addresses, attributes, loadBalancers, targetGroups, limits] = await Promise.all([
      countAll(async (NextToken) => {
        const out = await aws.ec2.send(new DescribeVpcsCommand({ NextToken }));
        return { items: out.Vpcs ?? [], next: out.NextToken };
      }),
      aws.ec2.send(new DescribeAddressesCommand({})).then((out) => (out.Addresses ?? []).length),
      aws.ec2.send(new DescribeAccountAttributesCommand({})),
      countAll(async (Marker) => {
        const out = await aws.elbv2.send(new DescribeLoadBalancersCommand({ Marker }));
        return { items: (out.LoadBalancers ?? []).filter((lb) => lb.Type === 'application'), next: out.NextMarker };
      }),
      countAll(async (Marker) => {
        const out = await aws.elbv2.send(new DescribeTargetGroupsCommand({ Marker }));
        return { items: out.TargetGroups ?? [], next: out.NextMarker };
      }),
      aws.elbv2.send(new DescribeAccountLimitsCommand({})),
    ]);
    const limit = (name: string) => {
      const max = limits.Limits?.find((entry) => entry.Name === name)?.Max;
      return max === undefined ? undefined : Number(max);
    };
    const eipQuota = attributes.AccountAttributes?.find((attribute) => attribute.AttributeName === 'vpc-max-elastic-ips')?.AttributeValues?.[0]?.AttributeValue;
    return {
      region: aws.region,
      vpcs: { used: vpcs },
      loadBalancers: { used: loadBalancers, ...(limit('application-load-balancers') !== undefined && { quota: limit('application-load-balancers') }) },
      targetGroups: { used: targetGroups, ...(limit('target-groups') !== undefined && { quota: limit('target-groups') }) },
      elasticIps: { used: addresses, ...(eipQuota !== undefined && { quota: Number(eipQuota) }) },
    };
  } catch (error) {
    return { region: aws.region, error: messageOf(error) };
  }
}
