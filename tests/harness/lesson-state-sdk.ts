/**
 * What the lessons leave in an account, built with the SDK (a few milliseconds per call against
 * moto, where each aws CLI call costs over a second): the same resources under the same names as
 * seed-lessons-03-05.ts and the lessons' own commands make. Each piece can be left out or broken
 * by a test that needs one thing wrong.
 */
import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeAvailabilityZonesCommand,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, PutImageCommand } from '@aws-sdk/client-ecr';
import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand, type RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AttachRolePolicyCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import type { LearnerVariables } from '../../src/checks/check-contract.ts';
import type { MotoAccount } from './moto-accounts.ts';

export const ecsTasksTrust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
export const executionPolicyArn = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

/** An image manifest; each `version` its own digest, as a rebuilt image has. */
const manifest = (version: string) => JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 1469, digest: `sha256:${version === 'latest' ? '1'.repeat(64) : '2'.repeat(64)}` },
  layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 2155, digest: `sha256:${'4'.repeat(64)}` }],
});

export interface NetworkOptions {
  /** Only the subnets in the first zone (lesson 04 stopped half way). */
  oneZone?: boolean;
  /** The internet gateway is made but not attached. */
  gatewayDetached?: boolean;
  /** public-c is left on the VPC's main route table. */
  publicCUnassociated?: boolean;
  /** The task group has no rule from the ALB group. */
  taskRuleMissing?: boolean;
  /** The ALB group has no rule for port 80. */
  albRuleMissing?: boolean;
}

export interface Network {
  vpcId: string;
  publicA: string;
  publicC?: string;
  privateA: string;
  privateC?: string;
  igwId: string;
  publicRt: string;
  albSg: string;
  taskSg: string;
  zones: string[];
}

export function lessonState(account: MotoAccount, vars: LearnerVariables) {
  const aws = account.clients(vars.region);
  const tag = (type: string, name: string) => [{ ResourceType: type as 'vpc', Tags: [{ Key: 'Name', Value: name }] }];

  async function network(options: NetworkOptions = {}): Promise<Network> {
    const vpcId = (await aws.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/20', TagSpecifications: tag('vpc', vars.vpcName) }))).Vpc!.VpcId!;
    await aws.ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    const zones = (await aws.ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones!.map((zone) => zone.ZoneName!);
    const subnet = async (zone: string, cidr: string, name: string) =>
      (await aws.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, AvailabilityZone: zone, CidrBlock: cidr, TagSpecifications: tag('subnet', `${vars.vpcName}-${name}`) }))).Subnet!.SubnetId!;
    const privateA = await subnet(zones[0]!, '10.0.0.0/24', 'private-a');
    const publicA = await subnet(zones[0]!, '10.0.1.0/24', 'public-a');
    const privateC = options.oneZone ? undefined : await subnet(zones[1]!, '10.0.2.0/24', 'private-c');
    const publicC = options.oneZone ? undefined : await subnet(zones[1]!, '10.0.3.0/24', 'public-c');
    const igwId = (await aws.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    if (!options.gatewayDetached) await aws.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
    const publicRt = (await aws.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    await aws.ec2.send(new CreateRouteCommand({ RouteTableId: publicRt, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }));
    await aws.ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicRt, SubnetId: publicA }));
    if (publicC && !options.publicCUnassociated) await aws.ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicRt, SubnetId: publicC }));
    const privateRt = (await aws.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    for (const id of [privateA, privateC]) if (id) await aws.ec2.send(new AssociateRouteTableCommand({ RouteTableId: privateRt, SubnetId: id }));
    const albSg = (await aws.ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: vars.albSecurityGroup, Description: vars.albSecurityGroup }))).GroupId!;
    if (!options.albRuleMissing) await aws.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: albSg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    const taskSg = (await aws.ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: vars.taskSecurityGroup, Description: 'tasks' }))).GroupId!;
    if (!options.taskRuleMissing) await aws.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: taskSg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3000, ToPort: 3000, UserIdGroupPairs: [{ GroupId: albSg }] }] }));
    return { vpcId, publicA, publicC, privateA, privateC, igwId, publicRt, albSg, taskSg, zones };
  }

  /** Lesson 07's own group for the standalone task. */
  async function standaloneGroup(vpcId: string) {
    const id = (await aws.ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: `${vars.vpcName}-standalone-sg`, Description: 'standalone' }))).GroupId!;
    await aws.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3000, ToPort: 3000, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    return id;
  }

  /** The repository (unless it exists already) with an image under `tag`. */
  async function repositoryWithImage(tag = 'latest', createRepository = true) {
    if (createRepository) await aws.ecr.send(new CreateRepositoryCommand({ repositoryName: vars.repository }));
    await aws.ecr.send(new PutImageCommand({ repositoryName: vars.repository, imageTag: tag, imageManifest: manifest(tag) }));
  }

  async function cluster(fargate = true) {
    await aws.ecs.send(new CreateClusterCommand({ clusterName: vars.cluster, ...(fargate && { capacityProviders: ['FARGATE', 'FARGATE_SPOT'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] }) }));
  }

  async function executionRole(options: { trust?: string; policy?: boolean } = {}) {
    await aws.iam.send(new CreateRoleCommand({ RoleName: vars.executionRole, AssumeRolePolicyDocument: options.trust ?? ecsTasksTrust }));
    if (options.policy !== false) await aws.iam.send(new AttachRolePolicyCommand({ RoleName: vars.executionRole, PolicyArn: executionPolicyArn }));
  }

  async function logGroup() {
    await aws.logs.send(new CreateLogGroupCommand({ logGroupName: vars.logGroup }));
  }

  /** Lesson 06's task definition, as its task-definition.json says, with `change` applied. */
  function taskDefinitionInput(change: (input: RegisterTaskDefinitionCommandInput) => void = () => {}, image = 'latest'): RegisterTaskDefinitionCommandInput {
    const input: RegisterTaskDefinitionCommandInput = {
      family: vars.taskFamily,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
      executionRoleArn: `arn:aws:iam::${account.id}:role/${vars.executionRole}`,
      containerDefinitions: [
        {
          name: 'app',
          image: `${account.id}.dkr.ecr.${vars.region}.amazonaws.com/${vars.repository}:${image}`,
          essential: true,
          portMappings: [{ containerPort: 3000, protocol: 'tcp' }],
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': vars.logGroup, 'awslogs-region': vars.region, 'awslogs-stream-prefix': 'ecs' } },
        },
      ],
    };
    change(input);
    return input;
  }

  async function taskDefinition(change?: (input: RegisterTaskDefinitionCommandInput) => void, image?: string) {
    return (await aws.ecs.send(new RegisterTaskDefinitionCommand(taskDefinitionInput(change, image)))).taskDefinition!.taskDefinitionArn!;
  }

  /** Lesson 08's load balancer, target group (ip, port 3000) and listener on 80. */
  async function loadBalancer(net: Network, options: { listener?: boolean; targetType?: 'ip' | 'instance'; subnets?: string[] } = {}) {
    const albArn = (await aws.elbv2.send(new CreateLoadBalancerCommand({ Name: vars.loadBalancer, Type: 'application', Scheme: 'internet-facing', Subnets: options.subnets ?? [net.publicA, net.publicC!], SecurityGroups: [net.albSg] }))).LoadBalancers![0]!.LoadBalancerArn!;
    const tgArn = (await aws.elbv2.send(new CreateTargetGroupCommand({ Name: vars.targetGroup, Protocol: 'HTTP', Port: 3000, TargetType: options.targetType ?? 'ip', VpcId: net.vpcId, HealthCheckPath: '/' }))).TargetGroups![0]!.TargetGroupArn!;
    const listenerArn = options.listener === false ? undefined : (await aws.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: albArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] }))).Listeners![0]!.ListenerArn!;
    return { albArn, tgArn, listenerArn };
  }

  async function service(net: Network, tgArn: string | undefined, options: { taskDefinition?: string; desiredCount?: number; gracePeriod?: number } = {}) {
    return (
      await aws.ecs.send(
        new CreateServiceCommand({
          cluster: vars.cluster,
          serviceName: vars.service,
          taskDefinition: options.taskDefinition ?? vars.taskFamily,
          desiredCount: options.desiredCount ?? 2,
          launchType: 'FARGATE',
          ...(tgArn && { healthCheckGracePeriodSeconds: options.gracePeriod ?? 30, loadBalancers: [{ targetGroupArn: tgArn, containerName: 'app', containerPort: 3000 }] }),
          networkConfiguration: { awsvpcConfiguration: { subnets: [net.publicA, net.publicC!], securityGroups: [net.taskSg], assignPublicIp: 'ENABLED' } },
          deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
        }),
      )
    ).service!;
  }

  async function stack(name: string, template: string) {
    await aws.cloudformation.send(new CreateStackCommand({ StackName: name, TemplateBody: template }));
  }

  return { aws, network, standaloneGroup, repositoryWithImage, cluster, executionRole, logGroup, taskDefinitionInput, taskDefinition, loadBalancer, service, stack };
}
