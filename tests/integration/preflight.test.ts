/**
 * The pre-flight's observers against real parts: this machine's Docker engine (with the sandbox
 * image and a tag nobody has), and moto for the shared account's quota reads (DescribeVpcs,
 * DescribeAddresses, DescribeAccountAttributes, ELBv2 DescribeAccountLimits and the lists), then the
 * CLI's report end to end.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CreateSubnetCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { createAwsClients } from '../../src/checks/aws-clients.ts';
import { createLazyDocker } from '../../src/checks/docker-client.ts';
import { workshopPreflightCommand } from '../../src/cli/workshop-preflight-command.ts';
import { judgeQuotas } from '../../src/workshop/preflight/judge-preflight.ts';
import { observeAwsQuotas, observeDocker } from '../../src/workshop/preflight/observe-preflight.ts';
import { startMoto, type Moto } from '../harness/moto.ts';

let moto: Moto;
const savedEnv = { ...process.env };
beforeAll(async () => {
  moto = await startMoto({ region: 'eu-west-1' });
  Object.assign(process.env, moto.env);
}, 60_000);
afterAll(async () => {
  process.env = savedEnv;
  await moto.stop();
});

describe('the pre-flight against real parts', () => {
  it('sees the Docker engine, the sandbox image, and an image that is not there', async () => {
    const docker = createLazyDocker();
    const seen = await observeDocker(docker);
    expect('error' in seen.engine).toBe(false);
    expect(seen.image?.tag).toBe('ecs-workbook-sandbox:latest');
    expect((await observeDocker(docker, 'wbtest-room-tools-no-such-image:none')).image).toBeUndefined();
    // An engine that is not there is an observation too, not a crash.
    const { default: Dockerode } = await import('dockerode');
    const gone = await observeDocker(new Dockerode({ socketPath: '/nonexistent/docker.sock' }));
    expect(gone.engine).toEqual({ error: expect.stringContaining('/nonexistent/docker.sock') });
  });

  it('reads the region’s use and quotas from the account, and judges them for the class', async () => {
    const aws = createAwsClients({ region: moto.region, maxAttempts: 1 });
    const before = await observeAwsQuotas(aws);
    if ('error' in before) throw new Error(before.error);
    const vpc = await aws.ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
    const subnets = await Promise.all(['a', 'b'].map((zone, i) => aws.ec2.send(new CreateSubnetCommand({ VpcId: vpc.Vpc!.VpcId!, CidrBlock: `10.9.${i}.0/24`, AvailabilityZone: `${moto.region}${zone}` }))));
    await aws.elbv2.send(new CreateLoadBalancerCommand({ Name: 'wbtest-room-tools-alb', Subnets: subnets.map((subnet) => subnet.Subnet!.SubnetId!) }));
    const after = await observeAwsQuotas(aws);
    if ('error' in after) throw new Error(after.error);
    expect(after.vpcs.used).toBe(before.vpcs.used + 1);
    expect(after.loadBalancers.used).toBe(before.loadBalancers.used + 1);
    expect(after.loadBalancers.quota).toBeGreaterThan(0);
    expect(after.targetGroups.quota).toBeGreaterThan(0);
    expect(after.elasticIps.quota).toBeGreaterThan(0);
    // moto has its default VPC and ours: with the default quota of 5, four learners are too many.
    const used = after.vpcs.used;
    expect(judgeQuotas(after, 5 - used)[0]!.status).toBe('ok');
    expect(judgeQuotas(after, 6 - used)[0]!.status).toBe('problem');
  });

  it('says it could not read the quotas, with the fix, when the account does not answer', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:9');
    const refused = await observeAwsQuotas(createAwsClients({ region: moto.region, maxAttempts: 1, requestTimeoutMs: 2000 }));
    vi.unstubAllEnvs();
    Object.assign(process.env, moto.env);
    expect(refused).toMatchObject({ region: moto.region, error: expect.any(String) });
    expect(judgeQuotas(refused, 3)[0]).toMatchObject({ status: 'skipped', fix: { key: 'preflight.quota.credentials' } });
  });

  it('prints the report with what to fix, and exits 1 when there is a problem', async () => {
    let out = '';
    const log = vi.spyOn(console, 'log').mockImplementation((text) => void (out += `${text}\n`));
    const ready = await workshopPreflightCommand(['--learners', '1', '--aws', '--region', moto.region, '--json'], process.env);
    const report = JSON.parse(out) as { ready: boolean; findings: { id: string; status: string }[] };
    out = '';
    const tooMany = await workshopPreflightCommand(['--learners', '200', '--aws', '--region', moto.region, '--prefix-length', '20'], process.env);
    log.mockRestore();
    expect(report.findings.map((finding) => finding.id)).toEqual(expect.arrayContaining(['docker-engine', 'sandbox-image', 'capacity-memory', 'capacity-cpu', 'quota-vpcs', 'quota-load-balancers', 'quota-target-groups', 'quota-elastic-ips', 'name-lengths']));
    expect(report.findings.find((finding) => finding.id === 'quota-vpcs')?.status).toBe('ok');
    expect(ready).toBe(report.ready ? 0 : 1);
    expect(tooMany).toBe(1);
    expect(out).toMatch(/\[FIX \] VPCs per region/);
    expect(out).toMatch(/→ Ask for the quota “VPCs” \(L-F678F1CE\) to be raised/);
    expect(out).toMatch(/\[FIX \] Resource names with the learners’ prefixes/);
  });
});
