/**
 * The pre-flight's judges: pure functions from what was observed (preflight-observe.ts) to findings,
 * each problem with what to fix before class. Like a Check, observe then judge: the judges are
 * tested over plain observations, with no engine or account behind them.
 */
import { z } from 'zod';
import type { Message } from '../../checks/check-contract.ts';
import type { SandboxLimits } from '../../sandbox/sandbox-container.ts';
import { defaultNames, nameRules, nameSettings, withPrefix } from '../../settings/settings-schema.ts';

export const findingSchema = z
  .object({
    id: z.string().describe('What was checked, e.g. "docker-engine", "quota-vpcs".'),
    status: z.enum(['ok', 'warn', 'problem', 'skipped']).describe('ok; warn (look at it); problem (fix before class); skipped (not checked, with why).'),
    title: z.custom<Message>().describe('What was checked, in words (a message key and params).'),
    detail: z.custom<Message>().describe('What was found.'),
    fix: z.custom<Message>().optional().describe('What to do before class; present on warn and problem.'),
  })
  .describe('One finding of the pre-flight.');
export type Finding = z.infer<typeof findingSchema>;

const m = (key: string, params?: Message['params']): Message => ({ key, ...(params && { params }) });

/** What the engine and image looked like; `error` when the engine did not answer. */
export interface DockerObservation {
  engine: { version: string; runtimes: string[]; memoryBytes: number; cpus: number } | { error: string };
  /** The sandbox image's creation time, or undefined when there is none. */
  image?: { tag: string; created: string };
}

export function judgeDocker(observed: DockerObservation): Finding[] {
  if ('error' in observed.engine) {
    return [
      { id: 'docker-engine', status: 'problem', title: m('preflight.docker.title'), detail: m('preflight.docker.down', { error: observed.engine.error }), fix: m('preflight.docker.start') },
      { id: 'sandbox-image', status: 'skipped', title: m('preflight.image.title'), detail: m('preflight.skipped.no-engine') },
    ];
  }
  const sysbox = observed.engine.runtimes.includes('sysbox-runc');
  return [
    { id: 'docker-engine', status: 'ok', title: m('preflight.docker.title'), detail: m('preflight.docker.ok', { version: observed.engine.version }) },
    observed.image
      ? { id: 'sandbox-image', status: 'ok', title: m('preflight.image.title'), detail: m('preflight.image.ok', { tag: observed.image.tag, created: observed.image.created }) }
      : { id: 'sandbox-image', status: 'problem', title: m('preflight.image.title'), detail: m('preflight.image.missing'), fix: m('preflight.image.build') },
    sysbox
      ? { id: 'sandbox-runtime', status: 'ok', title: m('preflight.runtime.title'), detail: m('preflight.runtime.sysbox') }
      : { id: 'sandbox-runtime', status: 'warn', title: m('preflight.runtime.title'), detail: m('preflight.runtime.runc'), fix: m('preflight.runtime.install') },
  ];
}

/**
 * What one learner uses while working, as opposed to the caps: an idle sandbox sits near 64 MiB,
 * a `docker build` of the sample app inside it near 512 MiB; builds are bursty, a quarter core on
 * average. The caps (limits) are what one learner may take at worst.
 */
export const workingLearner = { memoryMiB: 512, cpus: 0.25 } as const;
/** Kept for the operating system, the Docker engine and the workbook server itself. */
export const hostReserveMiB = 1024;

export interface HostObservation {
  memoryBytes: number;
  cpus: number;
}

export function judgeCapacity(host: HostObservation, limits: SandboxLimits, learners: number): Finding[] {
  const memoryMiB = Math.floor(host.memoryBytes / 1024 / 1024);
  const usable = memoryMiB - hostReserveMiB;
  const working = learners * workingLearner.memoryMiB;
  const worst = learners * limits.memoryMiB;
  const fitsMemory = Math.max(0, Math.floor(usable / workingLearner.memoryMiB));
  const memory: Finding =
    working > usable
      ? { id: 'capacity-memory', status: 'problem', title: m('preflight.memory.title'), detail: m('preflight.memory.short', { learners, needMiB: working + hostReserveMiB, haveMiB: memoryMiB }), fix: m('preflight.memory.fix', { fits: fitsMemory }) }
      : worst > usable
        ? { id: 'capacity-memory', status: 'warn', title: m('preflight.memory.title'), detail: m('preflight.memory.overcommit', { learners, worstMiB: worst, haveMiB: memoryMiB, limitMiB: limits.memoryMiB }), fix: m('preflight.memory.overcommit-fix') }
        : { id: 'capacity-memory', status: 'ok', title: m('preflight.memory.title'), detail: m('preflight.memory.ok', { learners, worstMiB: worst, haveMiB: memoryMiB }) };
  const needCpus = learners * workingLearner.cpus;
  const fitsCpu = Math.floor(host.cpus / workingLearner.cpus);
  const cpu: Finding =
    needCpus > host.cpus
      ? { id: 'capacity-cpu', status: 'problem', title: m('preflight.cpu.title'), detail: m('preflight.cpu.short', { learners, need: needCpus, have: host.cpus }), fix: m('preflight.cpu.fix', { fits: fitsCpu }) }
      : { id: 'capacity-cpu', status: 'ok', title: m('preflight.cpu.title'), detail: m('preflight.cpu.ok', { learners, need: needCpus, have: host.cpus }) };
  return [memory, cpu];
}

/** A quota and how much of it is used, read from the account; `quota` undefined when it cannot be read. */
export interface QuotaUse {
  used: number;
  quota?: number;
}

/** The shared account's region, as seen with the instructor's credentials; `error` when AWS did not answer. */
export type AwsObservation =
  | { region: string; vpcs: QuotaUse; loadBalancers: QuotaUse; targetGroups: QuotaUse; elasticIps: QuotaUse }
  | { region: string; error: string };

/** The default "VPCs per Region" quota (Service Quotas L-F678F1CE); EC2 does not report it. */
export const defaultVpcQuota = 5;

/** What each learner creates in the shared account over the course: one VPC, one ALB, one target group. */
export const perLearner = { vpcs: 1, loadBalancers: 1, targetGroups: 1 } as const;

export function judgeQuotas(observed: AwsObservation | undefined, learners: number): Finding[] {
  if (!observed) return [{ id: 'aws-quotas', status: 'skipped', title: m('preflight.quota.title'), detail: m('preflight.quota.not-asked') }];
  if ('error' in observed) return [{ id: 'aws-quotas', status: 'skipped', title: m('preflight.quota.title'), detail: m('preflight.quota.could-not', { region: observed.region, error: observed.error }), fix: m('preflight.quota.credentials') }];
  const one = (id: string, what: string, use: QuotaUse, each: number, quotaCode: string, fallback?: number): Finding => {
    const quota = use.quota ?? fallback;
    const need = use.used + learners * each;
    const params = { region: observed.region, used: use.used, need, quota: quota ?? '?', learners, what, code: quotaCode };
    if (quota === undefined) return { id, status: 'warn', title: m('preflight.quota.item', { what }), detail: m('preflight.quota.unknown', params), fix: m('preflight.quota.look', params) };
    if (need > quota) return { id, status: 'problem', title: m('preflight.quota.item', { what }), detail: m('preflight.quota.short', params), fix: m('preflight.quota.raise', params) };
    return { id, status: 'ok', title: m('preflight.quota.item', { what }), detail: m('preflight.quota.ok', params) };
  };
  return [
    one('quota-vpcs', 'VPCs', observed.vpcs, perLearner.vpcs, 'L-F678F1CE', defaultVpcQuota),
    one('quota-load-balancers', 'Application Load Balancers', observed.loadBalancers, perLearner.loadBalancers, 'L-53DA6B97'),
    one('quota-target-groups', 'target groups', observed.targetGroups, perLearner.targetGroups, 'L-B22855CB'),
    // The course allocates no Elastic IP (its public IPv4 addresses are the ALB's and the tasks', which
    // have no quota but are billed); an account already at its Elastic IP quota is worth knowing.
    observed.elasticIps.quota !== undefined && observed.elasticIps.used >= observed.elasticIps.quota
      ? { id: 'quota-elastic-ips', status: 'warn', title: m('preflight.quota.item', { what: 'Elastic IP addresses (public IPv4)' }), detail: m('preflight.eip.full', { region: observed.region, used: observed.elasticIps.used, quota: observed.elasticIps.quota }), fix: m('preflight.eip.fix') }
      : { id: 'quota-elastic-ips', status: 'ok', title: m('preflight.quota.item', { what: 'Elastic IP addresses (public IPv4)' }), detail: m('preflight.eip.ok', { region: observed.region, used: observed.elasticIps.used, quota: observed.elasticIps.quota ?? '?' }) },
  ];
}

/**
 * Every resource name the course makes, with a learner prefix of this length in front, against the
 * service's rules (load balancer and target group names: 32 characters at most). A prefix made of
 * letters is the longest case, as every character counts the same.
 */
export function judgeNameLengths(prefixLength: number): Finding {
  const prefix = prefixLength > 0 ? 'p'.repeat(prefixLength) : undefined;
  const broken = nameSettings.filter((name) => !nameRules[name].test(withPrefix(prefix, defaultNames[name])));
  const longest = Math.max(defaultNames.loadBalancer.length, defaultNames.targetGroup.length);
  if (broken.length > 0) {
    return {
      id: 'name-lengths',
      status: 'problem',
      title: m('preflight.names.title'),
      detail: m('preflight.names.too-long', { prefixLength, names: broken.map((name) => `${withPrefix(prefix, defaultNames[name])} (${withPrefix(prefix, defaultNames[name]).length})`).join(', ') }),
      fix: m('preflight.names.fix', { max: 32 - longest - 1 }),
    };
  }
  return { id: 'name-lengths', status: 'ok', title: m('preflight.names.title'), detail: m('preflight.names.ok', { prefixLength, longest: longest + (prefix ? prefixLength + 1 : 0) }) };
}

/** The report's one line: problems first. */
export function summarize(findings: readonly Finding[]): { problems: number; warnings: number; ready: boolean } {
  const problems = findings.filter((finding) => finding.status === 'problem').length;
  return { problems, warnings: findings.filter((finding) => finding.status === 'warn').length, ready: problems === 0 };
}
