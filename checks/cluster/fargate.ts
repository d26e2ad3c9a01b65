/**
 * cluster/fargate: the cluster is ACTIVE, and has the FARGATE capacity provider. The provider is a
 * warning, not a failure: lessons 07 and 08 (and lesson 12's template) ask for launch type FARGATE,
 * which any cluster runs; only a capacity provider strategy naming FARGATE (the console's default
 * in source 000) needs it. Not found: a near-miss name here, or the same name in another likely
 * region. A deleted cluster shows as INACTIVE.
 */
import { DescribeClustersCommand, ListClustersCommand } from '@aws-sdk/client-ecs';
import { capture, couldNotLookAt, defineCheck, foundInOtherRegions, isCaptured, nearMiss, type CheckItem, type CheckResult, type Message, type Observed } from '#check-kit';
import { found, missingResource } from '#check-kit';

export interface ClusterFacts {
  clusterName: string;
  clusterArn: string;
  status: string;
  capacityProviders: string[];
  registeredContainerInstancesCount: number;
}

export interface ClusterSnapshot {
  region: string;
  /** The cluster, or undefined when DescribeClusters reported it MISSING. */
  cluster: Observed<ClusterFacts | null>;
  names: string[];
  foundIn: string[];
}

export function createClusterCommand(vars: { cluster: string; region: string }): string {
  return `aws ecs create-cluster --region ${vars.region} --cluster-name ${vars.cluster} --capacity-providers FARGATE FARGATE_SPOT --default-capacity-provider-strategy capacityProvider=FARGATE,weight=1 --tags key=workbook:lesson,value=cluster`;
}

async function describeCluster(ecs: import('@aws-sdk/client-ecs').ECSClient, name: string): Promise<Observed<ClusterFacts | null>> {
  const described = await capture(ecs.send(new DescribeClustersCommand({ clusters: [name], include: ['SETTINGS', 'CONFIGURATIONS'] })));
  if (isCaptured(described)) return described;
  const cluster = described.clusters?.[0];
  if (!cluster) return null;
  return {
    clusterName: cluster.clusterName!, clusterArn: cluster.clusterArn!, status: cluster.status!,
    capacityProviders: cluster.capacityProviders ?? [], registeredContainerInstancesCount: cluster.registeredContainerInstancesCount ?? 0,
  };
}

export default defineCheck<ClusterSnapshot>({
  id: 'cluster/fargate',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ecs describe-clusters --region {{region}} --clusters {{cluster}} --query 'clusters[0].[clusterName,status,capacityProviders]'",
  ],
  async observe(ctx) {
    const { aws, vars } = ctx;
    const cluster = await describeCluster(aws.ecs, vars.cluster);
    const snapshot: ClusterSnapshot = { region: aws.region, cluster, names: [], foundIn: [] };
    if (cluster === null || (!isCaptured(cluster) && cluster.status === 'INACTIVE')) {
      const listed = await capture(aws.ecs.send(new ListClustersCommand({ maxResults: 100 })));
      if (!isCaptured(listed)) snapshot.names = (listed.clusterArns ?? []).map((arn) => arn.split('/').pop()!);
      snapshot.foundIn = await foundInOtherRegions(aws, async (elsewhere) => {
        const found = await describeCluster(elsewhere.ecs, vars.cluster);
        return !!found && !isCaptured(found) && found.status === 'ACTIVE';
      });
    }
    return snapshot;
  },
  judge(snapshot, vars): CheckResult {
    const { cluster, region } = snapshot;
    if (isCaptured(cluster)) return couldNotLookAt('ecs:DescribeClusters', cluster.$error, region);
    const label = { key: 'cluster.fargate.active.label', params: { cluster: vars.cluster, region } };
    const fix = createClusterCommand({ cluster: vars.cluster, region });
    if (!cluster || cluster.status === 'INACTIVE') {
      const similar = nearMiss(vars.cluster, snapshot.names);
      const hint: Message = snapshot.foundIn.length
        ? { key: 'cluster.fargate.other-region', params: { regions: snapshot.foundIn.join(', '), region } }
        : cluster ? { key: 'cluster.fargate.inactive' }
        : similar ? { key: 'cluster.fargate.near-miss', params: { found: similar, cluster: vars.cluster } } : { key: 'cluster.fargate.missing.hint' };
      return {
        status: 'fail',
        summary: { key: cluster ? 'cluster.fargate.deleted' : 'cluster.fargate.missing', params: { cluster: vars.cluster, region } },
        items: [{
          id: 'active', status: 'fail', label, expected: 'ACTIVE',
          actual: cluster ? 'INACTIVE (deleted)' : snapshot.foundIn.length ? `found in ${snapshot.foundIn.join(', ')}` : similar ?? 'MISSING',
          hint, fix,
        }],
        resources: cluster ? found('cluster', region, cluster.clusterArn, { name: cluster.clusterName, state: cluster.status }) : missingResource('cluster', region, vars.cluster),
      };
    }
    const items: CheckItem[] = [];
    const active = cluster.status === 'ACTIVE';
    items.push({
      id: 'active', status: active ? 'pass' : cluster.status === 'PROVISIONING' ? 'pending' : 'fail', label, actual: cluster.status,
      ...(!active && { expected: 'ACTIVE', hint: { key: cluster.status === 'PROVISIONING' ? 'cluster.fargate.provisioning' : 'cluster.fargate.failed' }, ...(cluster.status !== 'PROVISIONING' && { fix: `aws ecs delete-cluster --region ${region} --cluster ${vars.cluster} && ${fix}` }) }),
    });
    const fargate = cluster.capacityProviders.includes('FARGATE');
    const ec2Only = !fargate && (cluster.registeredContainerInstancesCount > 0 || cluster.capacityProviders.length > 0);
    items.push({
      id: 'fargate', status: fargate ? 'pass' : 'warn', label: { key: 'cluster.fargate.provider.label' }, actual: cluster.capacityProviders.join(', ') || 'no capacity providers',
      ...(!fargate && {
        expected: 'FARGATE', hint: { key: ec2Only ? 'cluster.fargate.provider.ec2-only' : 'cluster.fargate.provider.none' },
        fix: `aws ecs put-cluster-capacity-providers --region ${region} --cluster ${vars.cluster} --capacity-providers FARGATE FARGATE_SPOT ${cluster.capacityProviders.filter((name) => !name.startsWith('FARGATE')).join(' ')} --default-capacity-provider-strategy capacityProvider=FARGATE,weight=1`.replace(/ +--default/, ' --default'),
      }),
    });
    const status = items.some((item) => item.status === 'fail') ? 'fail' : items.some((item) => item.status === 'pending') ? 'pending' : 'pass';
    return {
      status,
      summary: { key: `cluster.fargate.${status}`, params: { cluster: vars.cluster, region } },
      items,
      resources: found('cluster', region, cluster.clusterArn, { name: cluster.clusterName, state: cluster.status, presence: status === 'pass' ? 'healthy' : 'exists' }),
    };
  },
});
