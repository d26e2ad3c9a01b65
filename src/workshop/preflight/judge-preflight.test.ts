import { describe, expect, it } from 'vitest';
import { defaultLimits } from '../../sandbox/sandbox-container.ts';
import { judgeCapacity, judgeDocker, judgeNameLengths, judgeQuotas, summarize, type Finding } from './judge-preflight.ts';
import { renderPreflight } from './run-preflight.ts';

const gib = 1024 ** 3;
const statusOf = (findings: Finding[], id: string) => findings.find((finding) => finding.id === id)?.status;

describe('the pre-flight judges', () => {
  it('a stopped engine is a problem with how to start it, and the image is then not judged', () => {
    const findings = judgeDocker({ engine: { error: 'connect ENOENT /var/run/docker.sock' } });
    expect(findings.map((finding) => [finding.id, finding.status])).toEqual([['docker-engine', 'problem'], ['sandbox-image', 'skipped']]);
    const [engine] = renderPreflight(findings, 10, 'en').findings;
    expect(engine).toMatchObject({ detail: 'The Docker engine did not answer: connect ENOENT /var/run/docker.sock', fix: expect.stringMatching(/systemctl start docker/) });
  });

  it('a missing image is a problem that says how to build it before class', () => {
    const findings = judgeDocker({ engine: { version: '27', runtimes: ['runc', 'sysbox-runc'], memoryBytes: 0, cpus: 0 } });
    expect(statusOf(findings, 'sandbox-image')).toBe('problem');
    expect(statusOf(findings, 'sandbox-runtime')).toBe('ok');
    expect(renderPreflight(findings, 1, 'ja').findings[0]!.fix).toMatch(/node sandbox\/image\/build-image\.ts/);
  });

  it('judges memory and CPU for N learners: short is a problem with how many fit, over-committed caps a warning', () => {
    const laptop = { memoryBytes: 16 * gib, cpus: 8 };
    expect(judgeCapacity(laptop, defaultLimits, 4).map((finding) => finding.status)).toEqual(['ok', 'ok']);
    // 20 × 1536 MiB caps exceed 15 GiB usable, but 20 working learners (20 × 512 MiB) fit.
    expect(judgeCapacity(laptop, defaultLimits, 20)[0]!.status).toBe('warn');
    const [memory, cpu] = judgeCapacity(laptop, defaultLimits, 40);
    expect(memory!.status).toBe('problem');
    expect(cpu!.status).toBe('problem');
    const rendered = renderPreflight([memory!, cpu!], 40, 'en').findings;
    expect(rendered[0]!.fix).toBe('Use a machine with more memory, or plan for at most 30 learners on this one.');
    expect(rendered[1]!.fix).toBe('Use a machine with more cores, or plan for at most 32 learners on this one.');
  });

  it('judges each quota the course hits against what is used plus one per learner', () => {
    const account = { region: 'eu-west-1', vpcs: { used: 2 }, loadBalancers: { used: 40, quota: 50 }, targetGroups: { used: 0, quota: 3000 }, elasticIps: { used: 5, quota: 5 } };
    const findings = judgeQuotas(account, 10);
    expect(findings.map((finding) => [finding.id, finding.status])).toEqual([
      ['quota-vpcs', 'problem'],
      ['quota-load-balancers', 'ok'],
      ['quota-target-groups', 'ok'],
      ['quota-elastic-ips', 'warn'],
    ]);
    const vpcs = renderPreflight(findings, 10, 'en').findings[0]!;
    expect(vpcs.detail).toBe('eu-west-1: 2 VPCs in use, and 10 learners add 10 more: 12 needed, but the quota is 5.');
    expect(vpcs.fix).toMatch(/raised to at least 12 in Service Quotas for eu-west-1/);
    expect(judgeQuotas(account, 11)[1]!.status).toBe('problem');
    expect(judgeQuotas(undefined, 10)[0]!.status).toBe('skipped');
    const denied = judgeQuotas({ region: 'eu-west-1', error: 'AccessDenied' }, 10)[0]!;
    expect(denied.status).toBe('skipped');
    expect(denied.fix).toBeDefined();
  });

  it('checks every name the course makes with the prefix length: load balancer and target group names at most 32', () => {
    expect(judgeNameLengths(11).status).toBe('ok');
    // "ecs-fargate-alb" has 15 characters: a 16-character prefix and its hyphen make 32.
    expect(judgeNameLengths(16).status).toBe('ok');
    const tooLong = judgeNameLengths(17);
    expect(tooLong.status).toBe('problem');
    const rendered = renderPreflight([tooLong], 1, 'en').findings[0]!;
    expect(rendered.detail).toContain('ppppppppppppppppp-ecs-fargate-alb (33)');
    expect(rendered.fix).toBe('Use prefixes of at most 16 characters (load balancer and target group names have at most 32).');
  });

  it('is ready only without problems, and lists problems first', () => {
    const findings = [...judgeCapacity({ memoryBytes: 64 * gib, cpus: 32 }, defaultLimits, 5), ...judgeDocker({ engine: { error: 'down' } })];
    expect(summarize(findings)).toEqual({ problems: 1, warnings: 0, ready: false });
    const report = renderPreflight(findings, 5, 'en');
    expect(report.findings[0]!.status).toBe('problem');
    expect(report.summary).toBe('Pre-flight for 5 learners: 1 problems to fix before class (0 more to look at).');
  });
});
