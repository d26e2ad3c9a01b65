/**
 * The lesson-12 template, validated in CI: every resource type it declares is listed against the
 * types moto's CloudFormation can create (printed if any is not), and the template deploys to moto
 * with the learner's names, creating each resource of a supported type, with the parameters the
 * stack-complete Check reads the names from.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand, ValidateTemplateCommand } from '@aws-sdk/client-cloudformation';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client, ModifyVpcAttributeCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMoto, type Moto } from '../harness/moto.ts';

const template = readFileSync('lessons/12-cloudformation/ecs-service.yaml', 'utf8');
const declaredTypes = [...new Set([...template.matchAll(/^\s+Type: (AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)\s*$/gm)].map((m) => m[1]!))].sort();

/** The resource types moto 5.2.1's CloudFormation models, asked of moto itself. */
function motoTypes(): Set<string> {
  const script = 'import json, moto.cloudformation.parsing as p; print(json.dumps(sorted(set(p.get_model_map()) | set(p.NULL_MODELS))))';
  return new Set(JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as string[]);
}

let moto: Moto;
let cfn: CloudFormationClient;
let ec2: EC2Client;

beforeAll(async () => {
  moto = await startMoto();
  const config = { region: moto.region, endpoint: moto.endpoint, credentials: { accessKeyId: moto.env.AWS_ACCESS_KEY_ID!, secretAccessKey: moto.env.AWS_SECRET_ACCESS_KEY! } };
  cfn = new CloudFormationClient(config);
  ec2 = new EC2Client(config);
}, 60_000);

afterAll(async () => {
  cfn?.destroy();
  ec2?.destroy();
  await moto?.stop();
});

describe('lessons/12-cloudformation/ecs-service.yaml', () => {
  it('declares the resources the lesson promises', () => {
    expect(declaredTypes).toEqual([
      'AWS::EC2::SecurityGroup', 'AWS::ECS::Cluster', 'AWS::ECS::Service', 'AWS::ECS::TaskDefinition',
      'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::TargetGroup',
      'AWS::IAM::Role', 'AWS::Logs::LogGroup',
    ]);
  });

  it('lists the resource types moto cannot deploy (none, for this template)', () => {
    const supported = motoTypes();
    const unsupported = declaredTypes.filter((type) => !supported.has(type));
    if (unsupported.length) console.log(`Resource types moto's CloudFormation does not support: ${unsupported.join(', ')}`);
    expect(supported.size).toBeGreaterThan(50);
    expect(unsupported).toEqual([]);
  });

  it('validates, deploys with the learner\'s names, and deletes', async () => {
    // moto's ValidateTemplate answers without the parameter list; that it does not throw is what it can tell.
    await cfn.send(new ValidateTemplateCommand({ TemplateBody: template }));
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/20' }));
    const VpcId = vpc.Vpc!.VpcId!;
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId, EnableDnsHostnames: { Value: true } }));
    const subnets = await Promise.all([['a', '10.0.1.0/24'], ['c', '10.0.3.0/24']].map(([zone, cidr]) =>
      ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: cidr, AvailabilityZone: `${moto.region}${zone}` }))));
    const parameters = {
      VpcId, PublicSubnetIds: subnets.map((s) => s.Subnet!.SubnetId!).join(','),
      ImageUri: `123456789012.dkr.ecr.${moto.region}.amazonaws.com/ecs-handson-app:latest`,
      ClusterName: 'ecs-handson-cluster', ServiceName: 'ecs-fargate-service', TaskFamily: 'ecs-handson-task',
      LoadBalancerName: 'ecs-fargate-alb', TargetGroupName: 'ecs-fargate-tg', LogGroupName: '/ecs/ecs-handson-task',
    };
    const StackName = 'ecs-handson-cluster-stack';
    await cfn.send(new CreateStackCommand({
      StackName, TemplateBody: template, Capabilities: ['CAPABILITY_IAM'],
      Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
    }));
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks![0]!;
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(Object.fromEntries(stack.Parameters!.map((p) => [p.ParameterKey, p.ParameterValue]))).toMatchObject({ ClusterName: 'ecs-handson-cluster', ServiceName: 'ecs-fargate-service', LoadBalancerName: 'ecs-fargate-alb', TargetGroupName: 'ecs-fargate-tg' });
    const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName }))).StackResources ?? [];
    const created = resources.filter((r) => r.ResourceStatus === 'CREATE_COMPLETE' && r.PhysicalResourceId);
    expect([...new Set(created.map((r) => r.ResourceType!))].sort()).toEqual(declaredTypes);
    expect(created.map((r) => r.LogicalResourceId).sort()).toEqual([
      'AlbSecurityGroup', 'Cluster', 'ExecutionRole', 'Listener', 'LoadBalancer', 'LogGroup', 'Service', 'TargetGroup', 'TaskDefinition', 'TaskSecurityGroup',
    ]);
    expect(stack.Outputs?.find((o) => o.OutputKey === 'LoadBalancerUrl')?.OutputValue).toMatch(/^http:\/\/ecs-fargate-alb-.*\/$/);
    await cfn.send(new DeleteStackCommand({ StackName }));
    const after = await cfn.send(new DescribeStacksCommand({ StackName: stack.StackId })).catch((error: Error) => error);
    expect(after instanceof Error ? after.name : after.Stacks?.[0]?.StackStatus).toMatch(/DELETE_COMPLETE|ValidationError/);
  }, 60_000);
});
