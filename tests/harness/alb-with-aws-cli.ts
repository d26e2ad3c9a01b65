/**
 * Lesson 04 and 08's network and load balancer, made the way a learner makes them: with the AWS
 * CLI (Debian's v2 at /usr/bin/aws), against moto. `--endpoint-url` on each call, since this CLI
 * predates AWS_ENDPOINT_URL.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const awsCli = process.env.AWS_CLI ?? '/usr/bin/aws';

export interface AlbNames {
  region: string;
  vpcName: string;
  albSecurityGroup: string;
  loadBalancer: string;
  targetGroup: string;
}

/** The environment for the CLI: an empty AWS_PROFILE (moto's env clears it that way) makes the CLI look for a profile named "". */
export function awsCliEnv(env: Record<string, string>): Record<string, string> {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...set };
}

export async function buildAlbWithAwsCli(endpoint: string, env: Record<string, string>, names: AlbNames): Promise<{ loadBalancerArn: string; vpcId: string }> {
  const aws = async (...args: string[]) => {
    const { stdout } = await run(awsCli, [...args, '--endpoint-url', endpoint, '--region', names.region, '--output', 'text'], { env: awsCliEnv(env) });
    return stdout.trim();
  };
  const vpcId = await aws('ec2', 'create-vpc', '--cidr-block', '10.0.0.0/20', '--tag-specifications', `ResourceType=vpc,Tags=[{Key=Name,Value=${names.vpcName}}]`, '--query', 'Vpc.VpcId');
  const subnets: string[] = [];
  for (const [cidr, zone] of [['10.0.0.0/24', 'a'], ['10.0.1.0/24', 'c']] as const) {
    subnets.push(await aws('ec2', 'create-subnet', '--vpc-id', vpcId, '--cidr-block', cidr, '--availability-zone', `${names.region}${zone}`, '--tag-specifications', `ResourceType=subnet,Tags=[{Key=Name,Value=${names.vpcName}-public-${zone}}]`, '--query', 'Subnet.SubnetId'));
  }
  const groupId = await aws('ec2', 'create-security-group', '--group-name', names.albSecurityGroup, '--description', 'ALB', '--vpc-id', vpcId, '--query', 'GroupId');
  const loadBalancerArn = await aws('elbv2', 'create-load-balancer', '--name', names.loadBalancer, '--type', 'application', '--scheme', 'internet-facing', '--subnets', ...subnets, '--security-groups', groupId, '--query', 'LoadBalancers[0].LoadBalancerArn');
  const targetGroupArn = await aws('elbv2', 'create-target-group', '--name', names.targetGroup, '--protocol', 'HTTP', '--port', '3000', '--target-type', 'ip', '--vpc-id', vpcId, '--query', 'TargetGroups[0].TargetGroupArn');
  await aws('elbv2', 'create-listener', '--load-balancer-arn', loadBalancerArn, '--protocol', 'HTTP', '--port', '80', '--default-actions', `Type=forward,TargetGroupArn=${targetGroupArn}`);
  return { loadBalancerArn, vpcId };
}
