/**
 * Observers of lessons 03–05 against moto: the diagnostics that need a real API answer (the
 * resource in another region, a near-miss name, a group made in the default VPC, a cluster
 * without capacity providers), each seen through observe → judge as a learner would see it.
 */
import { CreateRepositoryCommand } from '@aws-sdk/client-ecr';
import { CreateClusterCommand } from '@aws-sdk/client-ecs';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import repository from '../../checks/ecr/repository.ts';
import fargate from '../../checks/cluster/fargate.ts';
import vpcCheck from '../../checks/network/vpc.ts';
import securityGroups from '../../checks/network/security-groups.ts';
import { checksAgainstMoto } from '../harness/checks-against-moto.ts';

const { vars, aws: awsClients, run } = checksAgainstMoto();

describe('observers against moto', () => {
  it('ecr/repository: a repository made in us-east-1 is found there, with the create command for the learner region', async () => {
    await awsClients('us-east-1').ecr.send(new CreateRepositoryCommand({ repositoryName: vars.repository }));
    const result = await run(repository);
    expect(result.status).toBe('fail');
    expect(result.items[0]).toMatchObject({ actual: 'ecs-handson-app in us-east-1', hint: { key: 'ecr.repository.other-region', params: { regions: 'us-east-1', region: 'ap-northeast-1' } }, fix: 'aws ecr create-repository --repository-name ecs-handson-app --region ap-northeast-1' });
  });

  it('ecr/repository: a typo is suggested, and the right name passes with its URI', async () => {
    const ecr = awsClients(vars.region).ecr;
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'ecs-handson-ap' }));
    const typo = await run(repository);
    expect(typo.items[0]?.hint).toEqual({ key: 'ecr.repository.near-miss', params: { found: 'ecs-handson-ap', repository: 'ecs-handson-app' } });
    await ecr.send(new CreateRepositoryCommand({ repositoryName: vars.repository }));
    const pass = await run(repository);
    expect(pass.status).toBe('pass');
    expect(pass.items[0]?.actual).toBe('123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-handson-app');
  });

  it('cluster/fargate: a cluster without capacity providers passes with a warning and the command that adds FARGATE', async () => {
    await awsClients(vars.region).ecs.send(new CreateClusterCommand({ clusterName: vars.cluster }));
    const result = await run(fargate);
    expect(result.status).toBe('pass');
    expect(result.items.find((item: { id: string }) => item.id === 'fargate')).toMatchObject({ status: 'warn', hint: { key: 'cluster.fargate.provider.none' }, fix: 'aws ecs put-cluster-capacity-providers --region ap-northeast-1 --cluster ecs-handson-cluster --capacity-providers FARGATE FARGATE_SPOT --default-capacity-provider-strategy capacityProvider=FARGATE,weight=1' });
  });

  it('cluster/fargate: a near-miss cluster name is suggested', async () => {
    await awsClients(vars.region).ecs.send(new CreateClusterCommand({ clusterName: 'ecs-handson-clustr' }));
    const result = await run(fargate);
    expect(result.items[0]?.hint).toEqual({ key: 'cluster.fargate.near-miss', params: { found: 'ecs-handson-clustr', cluster: 'ecs-handson-cluster' } });
  });

  it('network/vpc: own CIDR with the lesson name passes with a note', async () => {
    await awsClients(vars.region).ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: vars.vpcName }] }] }));
    const result = await run(vpcCheck);
    expect(result.status).toBe('pass');
    expect(result.items.find((item: { id: string }) => item.id === 'cidr')).toMatchObject({ status: 'warn', actual: '10.20.0.0/16', hint: { key: 'network.vpc.cidr.own' } });
  });

  it('network/security-groups: groups made in the default VPC are found there, not counted', async () => {
    const ec2 = awsClients(vars.region).ec2;
    const lessonVpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/20', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: vars.vpcName }] }] }));
    const defaultVpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!.VpcId!;
    const alb = await ec2.send(new CreateSecurityGroupCommand({ GroupName: vars.albSecurityGroup, Description: 'alb', VpcId: defaultVpc }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: alb.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    const result = await run(securityGroups);
    expect(result.status).toBe('fail');
    const albItem = result.items.find((item: { id: string }) => item.id === 'alb-exists')!;
    expect(albItem.actual).toBe(`${alb.GroupId} in ${defaultVpc}`);
    expect(albItem.hint).toEqual({ key: 'network.security-groups.other-vpc', params: { name: vars.albSecurityGroup, vpc: defaultVpc } });
    expect(albItem.fix).toContain(`--vpc-id ${lessonVpc.Vpc!.VpcId}`);
  });
});
