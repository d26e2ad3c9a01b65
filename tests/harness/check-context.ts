/**
 * A CheckContext for tests of this branch's checks: SDK clients pointed at an endpoint (moto) with
 * dummy credentials and no retries, and the local Docker engine. Replaced by the runner's own
 * construction once the check engine lands.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import Docker from 'dockerode';
import type { AwsClients, CheckContext, LearnerVariables } from '../../src/checks/check-contract.ts';

export const testCredentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export function awsClients(region: string, endpoint: string): AwsClients {
  const options = { region, endpoint, credentials: testCredentials, maxAttempts: 1 };
  return {
    region,
    ecs: new ECSClient(options),
    ecr: new ECRClient(options),
    ec2: new EC2Client(options),
    elbv2: new ElasticLoadBalancingV2Client(options),
    iam: new IAMClient(options),
    sts: new STSClient(options),
    logs: new CloudWatchLogsClient(options),
    inRegion: (other) => awsClients(other, endpoint),
  };
}

export function learnerVariables(overrides: Partial<LearnerVariables> = {}): LearnerVariables {
  return {
    region: 'ap-northeast-1',
    accountId: '123456789012',
    prefix: '',
    repository: 'ecs-handson-app',
    vpcName: 'ecs-handson-vpc',
    cluster: 'ecs-handson-cluster',
    taskFamily: 'ecs-handson-task',
    service: 'ecs-fargate-service',
    loadBalancer: 'ecs-fargate-alb',
    targetGroup: 'ecs-fargate-tg',
    albSecurityGroup: 'ecs-alb-sg',
    taskSecurityGroup: 'ecs-task-sg',
    executionRole: 'ecsTaskExecutionRole',
    logGroup: '/ecs/ecs-handson-task',
    workspace: '/tmp/ecs-workbook',
    ...overrides,
  };
}

export function checkContext(vars: LearnerVariables, endpoint: string, lessonStartedAt?: string): CheckContext {
  return {
    vars,
    aws: awsClients(vars.region, endpoint),
    docker: new Docker(),
    ...(lessonStartedAt && { lessonStartedAt }),
    signal: AbortSignal.timeout(30_000),
  };
}
