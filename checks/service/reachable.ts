/**
 * service/reachable: the app answers HTTP 200 through the load balancer's DNS name, as the
 * learner's browser would see it. 503 means no healthy target, 504 that the ALB cannot reach the
 * tasks, a DNS miss shortly after creation that the name has not propagated yet.
 */
import { defineCheck, errorItem, failedToLook, identityItems, isCaptured, isNotFound, lookInOtherRegions, observeBase, result, withOtherRegions, type BaseSnapshot, type CheckContext, type CheckItem, type LearnerVariables, type Observed } from '#check-kit';
import { probe, type HttpProbe } from './http-probe.ts';
import { groupId, observeNetwork, type NetworkView } from './network-lookup.ts';
import { observeLoadBalancer, type LoadBalancerView } from './service-state.ts';
import { loadBalancerResources } from './service-state.ts';
import type { FoundResource } from '#check-kit';

const lesson = 'service';
const key = (suffix: string) => `${lesson}.reachable.${suffix}`;

export interface ReachableSnapshot extends BaseSnapshot {
  loadBalancer: Observed<{ loadBalancer?: LoadBalancerView }>;
  network?: Observed<NetworkView>;
  http?: HttpProbe;
}

export async function observeReachable(ctx: CheckContext, vars: LearnerVariables): Promise<ReachableSnapshot> {
  const [base, loadBalancer, network] = await Promise.all([observeBase(ctx), observeLoadBalancer(ctx, vars.loadBalancer), observeNetwork(ctx)]);
  const dns = isCaptured(loadBalancer) ? undefined : loadBalancer.loadBalancer?.DNSName;
  if (!dns && (isNotFound(loadBalancer) || !isCaptured(loadBalancer))) return { ...base, loadBalancer, network, foundIn: await lookInOtherRegions(ctx, { kind: 'load-balancer', name: vars.loadBalancer }) };
  return { ...base, loadBalancer, network, ...(dns && { http: await probe(ctx, `http://${dns}/`, 5000) }) };
}

export function judgeReachable(snapshot: ReachableSnapshot, vars: LearnerVariables): CheckItem[] {
  const items: CheckItem[] = identityItems(snapshot);
  if (failedToLook(snapshot.loadBalancer)) return [...items, errorItem('elbv2:DescribeLoadBalancers', snapshot.loadBalancer)];
  const lb = isCaptured(snapshot.loadBalancer) ? undefined : snapshot.loadBalancer.loadBalancer;
  if (!lb?.DNSName) {
    return [...items, withOtherRegions({ id: 'http', status: 'fail', label: { key: key('http.label'), params: { url: vars.loadBalancer } }, expected: 'HTTP 200', actual: { key: 'value.load-balancer-not-found' }, hint: { key: key('http.no-alb') } }, lesson, snapshot.foundIn, vars.loadBalancer, vars.region)];
  }
  const http = snapshot.http;
  const label = { key: key('http.label'), params: { url: `http://${lb.DNSName}/` } };
  if (http?.status === 200) return [...items, { id: 'http', status: 'pass', label, actual: `HTTP 200: ${(http.body ?? '').replace(/\s+/g, ' ').slice(0, 120)}` }];
  if (lb.State?.Code === 'provisioning') return [...items, { id: 'http', status: 'pending', label, expected: 'HTTP 200', actual: 'provisioning', hint: { key: key('http.provisioning') } }];
  const code = http?.error?.code;
  const actual = http?.status !== undefined ? `HTTP ${http.status}` : code ?? http?.error?.message ?? 'no answer';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return [...items, { id: 'http', status: 'pending', label, expected: 'HTTP 200', actual, hint: { key: key('http.dns') } }];
  const albSg = groupId(snapshot.network, vars.albSecurityGroup) ?? '$ALB_SG';
  const taskSg = groupId(snapshot.network, vars.taskSecurityGroup) ?? '$TASK_SG';
  const byStatus: Record<number, { hint: string; fix?: string }> = {
    503: { hint: 'http.503' },
    502: { hint: 'http.502' },
    504: { hint: 'http.504', fix: `aws ec2 authorize-security-group-ingress --region ${vars.region} --group-id ${taskSg} --protocol tcp --port 3000 --source-group ${albSg}` },
    403: { hint: /blocked host/i.test(http?.body ?? '') ? 'http.blocked-host' : 'http.status' },
  };
  const known = http?.status !== undefined ? byStatus[http.status] ?? { hint: 'http.status' } : {
    hint: 'http.unreachable', fix: `aws ec2 authorize-security-group-ingress --region ${vars.region} --group-id ${albSg} --protocol tcp --port 80 --cidr 0.0.0.0/0`,
  };
  return [...items, { id: 'http', status: 'fail', label, expected: 'HTTP 200', actual, hint: { key: key(known.hint), params: { status: http?.status ?? '' } }, ...(known.fix && { fix: known.fix }) }];
}

export default defineCheck<ReachableSnapshot>({
  id: 'service/reachable',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "curl -sS -i http://$(aws elbv2 describe-load-balancers --region {{region}} --names {{loadBalancer}} --query 'LoadBalancers[0].DNSName' --output text)/",
  ],
  observe: (ctx) => observeReachable(ctx, ctx.vars),
  judge: (snapshot, vars) => result(lesson, judgeReachable(snapshot, vars), reachableResources(snapshot, vars)),
});

/** The load balancer as the map shows it: healthy only when it answers HTTP 200. */
export function reachableResources(snapshot: ReachableSnapshot, vars: LearnerVariables): FoundResource[] {
  if (failedToLook(snapshot.loadBalancer)) return [];
  const lb = isCaptured(snapshot.loadBalancer) ? undefined : snapshot.loadBalancer.loadBalancer;
  const answered = snapshot.http?.status === 200;
  return loadBalancerResources(lb, snapshot.region, vars.loadBalancer).map((resource) =>
    resource.type === 'load-balancer' && resource.presence === 'healthy' && !answered ? { ...resource, presence: 'exists' as const } : resource,
  );
}
