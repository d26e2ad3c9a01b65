/**
 * The wrong-region probe of lessons 06–12 against moto: the task-definition family, the cluster,
 * the service and the load balancer made in another region than the workbook's are found there,
 * and the Check says so (src/checks/shared/other-regions.ts), keeping the fix that creates
 * them in the workbook's region.
 */
import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateSubnetCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import registered from '../../checks/task-definition/registered.ts';
import standaloneRunning from '../../checks/standalone-task/running.ts';
import serviceRunning from '../../checks/service/running.ts';
import loadBalancer from '../../checks/service/load-balancer.ts';
import reachable from '../../checks/service/reachable.ts';
import type { CheckItem } from '../../src/checks/check-contract.ts';
import { checksAgainstMoto } from '../harness/checks-against-moto.ts';

// No HTTP may leave this machine: a probe that is asked at all fails the test.
const { vars, aws: awsIn, run } = checksAgainstMoto({ http: async (url) => { throw new Error(`unexpected HTTP probe of ${url}`); } });

const otherRegion = (lesson: string, name: string, regions: string) => ({
  status: 'fail', actual: `not in ap-northeast-1; found in ${regions}`,
  hint: { key: `${lesson}.common.other-region`, params: { name, regions, region: 'ap-northeast-1' } },
});

const item = (items: CheckItem[], id: string) => items.find((entry) => entry.id === id);

async function registerIn(region: string) {
  await awsIn(region).ecs.send(new RegisterTaskDefinitionCommand({
    family: vars.taskFamily, requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512',
    containerDefinitions: [{ name: 'app', image: `123456789012.dkr.ecr.${region}.amazonaws.com/${vars.repository}:latest`, memory: 512, portMappings: [{ containerPort: 3000 }] }],
  }));
}

describe('lessons 06–12: what is missing here is looked for in the other likely regions', () => {
  it('task-definition/registered: a family registered in us-east-1', async () => {
    await registerIn('us-east-1');
    const result = await run(registered);
    expect(result.status).toBe('fail');
    expect(item(result.items, 'found')).toMatchObject({ ...otherRegion('task-definition', vars.taskFamily, 'us-east-1'), fix: 'aws ecs register-task-definition --region ap-northeast-1 --cli-input-json file://task-definition.json' });
  });

  it('standalone-task/running and service/running: a cluster made in us-west-2', async () => {
    await awsIn('us-west-2').ecs.send(new CreateClusterCommand({ clusterName: vars.cluster }));
    const standalone = await run(standaloneRunning);
    expect(item(standalone.items, 'cluster')).toMatchObject({ ...otherRegion('standalone-task', vars.cluster, 'us-west-2'), fix: `aws ecs create-cluster --region ap-northeast-1 --cluster-name ${vars.cluster}` });
    const service = await run(serviceRunning);
    expect(item(service.items, 'service')).toMatchObject(otherRegion('service', vars.cluster, 'us-west-2'));
  });

  it('service/running: the service made in us-east-1, while the cluster also exists here', async () => {
    await awsIn(vars.region).ecs.send(new CreateClusterCommand({ clusterName: vars.cluster }));
    const east = awsIn('us-east-1');
    await east.ecs.send(new CreateClusterCommand({ clusterName: vars.cluster }));
    await registerIn('us-east-1');
    await east.ecs.send(new CreateServiceCommand({ cluster: vars.cluster, serviceName: vars.service, taskDefinition: vars.taskFamily, desiredCount: 0 }));
    const result = await run(serviceRunning);
    expect(item(result.items, 'service')).toMatchObject(otherRegion('service', vars.service, 'us-east-1'));
  });

  it('service/load-balancer and service/reachable: the load balancer made in us-east-1', async () => {
    const east = awsIn('us-east-1');
    const vpc = await east.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/20' }));
    const subnets = await Promise.all(['us-east-1a', 'us-east-1b'].map((zone, index) => east.ec2.send(new CreateSubnetCommand({ VpcId: vpc.Vpc!.VpcId!, AvailabilityZone: zone, CidrBlock: `10.0.${index}.0/24` }))));
    await east.elbv2.send(new CreateLoadBalancerCommand({ Name: vars.loadBalancer, Type: 'application', Scheme: 'internet-facing', Subnets: subnets.map((s) => s.Subnet!.SubnetId!) }));
    const lb = await run(loadBalancer);
    expect(item(lb.items, 'alb')).toMatchObject(otherRegion('service', vars.loadBalancer, 'us-east-1'));
    const http = await run(reachable);
    expect(item(http.items, 'http')).toMatchObject(otherRegion('service', vars.loadBalancer, 'us-east-1'));
  });

  it('finds nothing when nothing exists anywhere', async () => {
    const result = await run(registered);
    expect(item(result.items, 'found')).toMatchObject({ status: 'fail', actual: { key: 'value.not-found' }, hint: { key: 'task-definition.registered.found.hint' } });
  });
});
