/**
 * A fix is only worth its Run button if it works. For every fix a fixture snapshot produces whose
 * broken state moto can hold, this builds that state in moto, runs the Check (the item must fail
 * and offer a fix), runs the fix exactly as Run would type it (AWS CLI v2, /usr/bin/aws, in bash
 * with the workbook terminal's environment: AWS_PAGER="", the learner's workspace as the working
 * folder, the endpoint pointed at moto), and runs the Check again: the item must no longer fail.
 *
 * Fixes moto cannot exercise are listed in `notExercisable`, each with the reason. A fixture fix in
 * neither list fails the first test, so a new fixture cannot slip past.
 *
 * One moto server for the file; each scenario works in its own moto account (so all of them can
 * build ecs-handson-vpc side by side), and scenarios run concurrently.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AllocateAddressCommand, AttachInternetGatewayCommand, CreateInternetGatewayCommand, CreateNatGatewayCommand, CreateVpcEndpointCommand, DeleteInternetGatewayCommand, DetachInternetGatewayCommand } from '@aws-sdk/client-ec2';
import { CreateClusterCommand, CreateServiceCommand, DeleteClusterCommand, RegisterTaskDefinitionCommand, RunTaskCommand, type RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { CreateListenerCommand, CreateTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseChecks } from '../../checks/index.ts';
import type { CheckItem, CheckResult, LearnerVariables } from '../../src/checks/check-contract.ts';
import { createCheckContext } from '../../src/checks/check-context.ts';
import { runCheck } from '../../src/checks/run-check.ts';
import type { CourseShell } from '../../src/course-run/course-shell.ts';
import { startRehearsalShell } from '../../src/course-run/rehearsal-shell.ts';
import { runnableCommands } from '../../src/course-run/lesson-commands.ts';
import { fillVariables } from '../../src/lessons/command-variables.ts';
import { placeholderValues, testVariables } from '../../src/settings/learner-variables.ts';
import { fixtureFixes, type FixtureFix } from '../harness/fixture-fixes.ts';
import { learnerPath } from '../harness/learner-path.ts';
import { lessonState } from '../harness/lesson-state-sdk.ts';
import { motoAccount, type MotoAccount } from '../harness/moto-accounts.ts';
import { startMoto, type Moto } from '../harness/moto.ts';

type State = ReturnType<typeof lessonState>;
type LessonFile = 'task-definition.json' | 'task-definition-v2.json' | 'ecs-service.yaml';
interface Learner { state: State; vars: LearnerVariables; account: MotoAccount; workspace: string }

interface Scenario {
  /** The fixture this scenario stands for: `<step> <file>`. */
  fixture: string;
  /** The fixture's items whose fix this scenario runs (they share one fix). */
  items: string[];
  /** The same item in moto, where its id names a resource (a subnet id): a pattern. Default: the fixture's id. */
  motoItem?: RegExp;
  /** Builds the broken state the fixture describes. */
  arrange(learner: Learner): Promise<void>;
  /** Files the learner wrote in earlier lessons, which the fix reads (written by the lesson's own command). */
  files?: LessonFile[];
  /** The fixture's items each have their own fix: run every offered fix in the order the Check lists them. */
  sequence?: true;
}

/**
 * Lesson 10's push of version 2. The Check takes the newest image by its push time, which moto
 * keeps to the second: v2 goes in a second after :latest, as it does on a learner's account.
 */
async function pushVersion2(learner: Learner) {
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await learner.state.repositoryWithImage('v2', false);
}

/** Lesson 06's state, complete but for what `change` breaks. */
async function lesson06({ state }: Learner, change: { role?: 'no-policy'; logGroup?: false; image?: false } = {}) {
  await state.executionRole({ policy: change.role !== 'no-policy' });
  if (change.logGroup !== false) await state.logGroup();
  if (change.image !== false) await state.repositoryWithImage();
}

/**
 * moto's RunTask fails (HTTP 500) on a container without a memory of its own, which Fargate does
 * not need (the task's memory is enough): a task moto must run gets 512 MiB on its container too.
 */
const motoRunnable = (input: RegisterTaskDefinitionCommandInput) => void (input.containerDefinitions![0]!.memory = 512);

/** Lesson 07's state: the network with the task's own group, the cluster, lesson 06's task definition. */
async function lesson07(learner: Learner) {
  const net = await learner.state.network();
  const standaloneSg = await learner.state.standaloneGroup(net.vpcId);
  await lesson06(learner);
  await learner.state.cluster();
  await learner.state.taskDefinition(motoRunnable);
  return { ...net, standaloneSg };
}

/** Lesson 08's state: lesson 07's, the load balancer with its listener and target group, and the service on revision 1. */
async function lesson08(learner: Learner, options: { service?: false; serviceWithoutTargetGroup?: true; gracePeriod?: number } = {}) {
  const net = await learner.state.network();
  await lesson06(learner);
  await learner.state.cluster();
  await learner.state.taskDefinition();
  const alb = await learner.state.loadBalancer(net);
  if (options.service !== false) await learner.state.service(net, options.serviceWithoutTargetGroup ? undefined : alb.tgArn, { taskDefinition: `${learner.vars.taskFamily}:1`, ...(options.gracePeriod !== undefined && { gracePeriod: options.gracePeriod }) });
  return { net, alb };
}

/** task-definition/registered: each broken registration, fixed by registering lesson 06's file again. */
function registeredScenarios(): Scenario[] {
  const reregister = (fixture: string, items: string[], change: Parameters<State['taskDefinitionInput']>[0]): Scenario => ({
    fixture: `task-definition/registered ${fixture}`,
    items,
    files: ['task-definition.json'],
    arrange: async (learner) => {
      await lesson06(learner);
      await learner.state.taskDefinition(change);
    },
  });
  return [
    reregister('bridge-and-wrong-size.json', ['fargate', 'network-mode', 'size'], (input) => Object.assign(input, { requiresCompatibilities: ['EC2'], networkMode: 'bridge', cpu: '384', memory: '512' })),
    reregister('foreign-image.json', ['image'], (input) => (input.containerDefinitions![0]!.image = 'public.ecr.aws/nginx/nginx:latest')),
    reregister('no-execution-role.json', ['execution-role'], (input) => delete input.executionRoleArn),
    reregister('no-port-mapping.json', ['port'], (input) => delete input.containerDefinitions![0]!.portMappings),
    reregister('no-registry-prefix.json', ['image'], (input) => (input.containerDefinitions![0]!.image = 'ecs-handson-app:latest')),
    { fixture: 'task-definition/registered not-registered.json', items: ['found'], files: ['task-definition.json'], arrange: (learner) => lesson06(learner) },
    {
      fixture: 'task-definition/registered in-other-region.json',
      items: ['found'],
      files: ['task-definition.json'],
      arrange: async (learner) => {
        await lesson06(learner);
        await learner.account.clients('us-east-1').ecs.send(new RegisterTaskDefinitionCommand(learner.state.taskDefinitionInput()));
      },
    },
    {
      fixture: 'task-definition/registered log-group-missing.json',
      items: ['log-group'],
      arrange: async (learner) => {
        await lesson06(learner, { logGroup: false });
        await learner.state.taskDefinition();
      },
    },
    {
      fixture: 'task-definition/registered create-group-without-permission.json',
      items: ['log-group'],
      arrange: async (learner) => {
        await lesson06(learner, { logGroup: false });
        await learner.state.taskDefinition((input) => (input.containerDefinitions![0]!.logConfiguration!.options!['awslogs-create-group'] = 'true'));
      },
    },
    {
      fixture: 'task-definition/registered execution-role-without-policy.json',
      items: ['execution-role'],
      arrange: async (learner) => {
        await lesson06(learner, { role: 'no-policy' });
        await learner.state.taskDefinition();
      },
    },
  ];
}

const docker = 'a Docker fix (build, push, run): it acts on the Docker engine, not on anything moto holds';
const noTargetHealth = 'moto registers no targets for a service, and reports any target registered by hand healthy: it cannot hold Target.NotInUse, Target.Timeout or a response-code mismatch';
const noStopReason = 'the state is a stopped task\'s reason (CannotPullContainerError, exec format error, exit code), which moto never sets';
const workstation = 'fixes the learner\'s workstation (sudo, an installer, an SSO sign-in), not an AWS resource';

/** Fixture fixes moto cannot exercise, and why. */
const notExercisable: Record<string, string> = {
  'cleanup/all-gone enis-lingering.fixture.json security-group:sg-0task': 'pending while AWS releases a stopped task\'s network interfaces; moto has no interface that frees itself later',
  'cleanup/all-gone enis-lingering.fixture.json subnet:subnet-0pub1a': 'pending while AWS releases a stopped task\'s network interfaces; moto has no interface that frees itself later',
  'cleanup/all-gone enis-lingering.fixture.json vpc': 'pending while AWS releases a stopped task\'s network interfaces; moto has no interface that frees itself later',
  'cloudformation/stack-complete complete-but-targets-time-out.fixture.json service:target:10.0.1.10:3000': noTargetHealth,
  'cloudformation/stack-complete complete-but-targets-time-out.fixture.json service:target:10.0.3.20:3000': noTargetHealth,
  'cloudformation/stack-complete complete-but-targets-time-out.fixture.json service:http': 'the HTTP answer comes through the load balancer, and moto\'s load balancer forwards nothing',
  'cloudformation/stack-complete rolled-back.fixture.json stack': 'moto creates every resource of a valid template, so a stack never rolls back (ROLLBACK_COMPLETE)',
  'cloudformation/stack-deleted delete-failed.fixture.json stack': 'moto deletes a stack at once; it never ends in DELETE_FAILED',
  'containers/first-run engine-not-running.fixture.json could-not-look': workstation,
  'containers/first-run exited-with-error.fixture.json ran': docker,
  'containers/first-run no-containers.fixture.json ran': docker,
  'containers/first-run only-before-lesson.fixture.json ran': docker,
  'dockerfile/container-running app-bound-to-loopback.fixture.json http': docker,
  'dockerfile/container-running crashed-container.fixture.json running': docker,
  'dockerfile/container-running wrong-port-mapping.fixture.json port-mapping': docker,
  'dockerfile/image-built arm64-image.fixture.json architecture': docker,
  'ecr/image-pushed arm64-only-index-with-attestation.fixture.json architecture': docker,
  'ecr/image-pushed digest-differs-from-local.fixture.json same-digest': docker,
  'ecr/image-pushed pushed-before-lesson-no-local-build.fixture.json pushed-after-start': docker,
  'ecr/image-pushed pushed-before-lesson.fixture.json pushed-after-start': docker,
  'ecr/image-pushed pushed-before-lesson.fixture.json same-digest': docker,
  'self-healing/replaced nothing-stopped.json stopped': 'moto starts no tasks for a service, so there is no service task to stop and no replacement',
  'self-healing/replaced stopped-before-lesson.fixture.json stopped': 'moto starts no tasks for a service, so there is no service task to stop and no replacement',
  'self-healing/replaced stopped-by-scheduler.fixture.json stopped': 'moto starts no tasks for a service, so there is no service task to stop and no replacement',
  'service/healthy-targets failed-health-checks.fixture.json target:10.0.1.10:3000': 'a read-only look at the logs (aws logs tail), which changes nothing; and ' + noTargetHealth,
  'service/healthy-targets not-in-use.fixture.json target:10.0.1.10:3000': noTargetHealth,
  'service/healthy-targets not-in-use.fixture.json target:10.0.3.20:3000': noTargetHealth,
  'service/healthy-targets response-code-mismatch.fixture.json target:10.0.1.10:3000': noTargetHealth,
  'service/healthy-targets target-timeout.fixture.json target:10.0.1.10:3000': noTargetHealth,
  'service/healthy-targets target-timeout.fixture.json target:10.0.3.20:3000': noTargetHealth,
  'service/reachable gateway-timeout.fixture.json http': 'the HTTP answer comes through the load balancer, and moto\'s load balancer forwards nothing',
  'service/reachable port-80-closed.fixture.json http': 'the HTTP answer comes through the load balancer, and moto\'s load balancer forwards nothing',
  'service/running circuit-breaker-no-route.fixture.json stopped-task': 'moto never fails a deployment by its circuit breaker nor stops tasks with a reason',
  'setup/aws-identity sso-expired.fixture.json could-not-look': workstation,
  'setup/docker socket-permission.fixture.json engine': workstation,
  'setup/tools aws-missing-on-darwin.fixture.json aws-cli': workstation,
  'setup/tools v1-on-linux.fixture.json aws-cli': workstation,
  'standalone-task/running app-exited.fixture.json task': 'a read-only look at the logs (aws logs tail), which changes nothing; and ' + noStopReason,
  'standalone-task/running arm64-manifest.fixture.json task': docker,
  'standalone-task/running exec-format-error.fixture.json task': docker,
  'standalone-task/running logger-args.fixture.json task': noStopReason,
  'standalone-task/running no-route-to-ecr.fixture.json task': noStopReason,
  'standalone-task/running registry-auth.fixture.json task': noStopReason,
  'standalone-task/running no-public-ip.json public-ip': 'moto gives no task a public IP, so the task the fix starts has none either',
  'task-definition/registered tag-missing.json image': docker,
};

const scenarios: Scenario[] = [
  // Lesson 04: the network.
  {
    fixture: 'network/internet-gateway igw-detached.fixture.json',
    items: ['attached'],
    arrange: async ({ state }) => void (await state.network({ gatewayDetached: true })),
  },
  {
    fixture: 'network/routes public-subnet-on-main-table.fixture.json',
    items: ['route-subnet-0aaa000000000004'],
    motoItem: /^route-subnet-/,
    arrange: async ({ state }) => void (await state.network({ publicCUnassociated: true })),
  },
  {
    fixture: 'network/routes blackhole-route.fixture.json',
    items: ['route-subnet-0aaa000000000002', 'route-subnet-0aaa000000000004'],
    motoItem: /^route-subnet-/,
    // The gateway the route names was detached and deleted; a new one is attached.
    arrange: async ({ state }) => {
      const net = await state.network();
      await state.aws.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: net.igwId, VpcId: net.vpcId }));
      await state.aws.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: net.igwId }));
      const fresh = (await state.aws.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
      await state.aws.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: fresh, VpcId: net.vpcId }));
    },
  },
  {
    fixture: 'network/security-groups alb-sg-reused-for-tasks.fixture.json',
    items: ['task-app-port'],
    arrange: async ({ state }) => void (await state.network({ taskRuleMissing: true })),
  },
  {
    fixture: 'network/subnets one-az-only.fixture.json',
    items: ['two-azs', 'public'],
    arrange: async ({ state }) => void (await state.network({ oneZone: true })),
  },
  {
    fixture: 'network/subnets one-az-only.fixture.json',
    items: ['private'],
    arrange: async ({ state }) => void (await state.network({ oneZone: true })),
  },
  // Lesson 05: the cluster.
  {
    fixture: 'cluster/fargate inactive-cluster.fixture.json',
    items: ['active'],
    arrange: async ({ state, vars }) => {
      await state.cluster();
      await state.aws.ecs.send(new DeleteClusterCommand({ cluster: vars.cluster }));
    },
  },
  {
    fixture: 'cluster/fargate ec2-only-cluster.fixture.json',
    items: ['fargate'],
    arrange: async ({ state }) => state.cluster(false),
  },
  // Lesson 06: the execution role and the task definition.
  {
    fixture: 'task-definition/execution-role role-missing.json',
    items: ['exists'],
    arrange: async () => {},
  },
  {
    fixture: 'task-definition/execution-role policy-missing.json',
    items: ['policy'],
    arrange: async ({ state }) => state.executionRole({ policy: false }),
  },
  {
    fixture: 'task-definition/execution-role wrong-trust.json',
    items: ['trust'],
    arrange: async ({ state }) => state.executionRole({ trust: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }),
  },
  ...registeredScenarios(),
  // Lesson 07: the standalone task.
  {
    fixture: 'standalone-task/running cluster-missing.json',
    items: ['cluster'],
    arrange: async (learner) => {
      await lesson06(learner);
      await learner.state.taskDefinition();
    },
  },
  {
    fixture: 'standalone-task/running cluster-in-other-region.json',
    items: ['cluster'],
    arrange: async (learner) => {
      await lesson06(learner);
      await learner.state.taskDefinition();
      await learner.account.clients('us-east-1').ecs.send(new CreateClusterCommand({ clusterName: learner.vars.cluster }));
    },
  },
  {
    fixture: 'standalone-task/running never-run.json',
    items: ['task'],
    // The task item passes; the public-ip item then fails in moto, which gives no task a public IP.
    arrange: async (learner) => void (await lesson07(learner)),
  },
  {
    fixture: 'standalone-task/stopped still-running.json',
    items: ['none-running'],
    motoItem: /^none-running$/,
    arrange: async (learner) => {
      const net = await lesson07(learner);
      await learner.state.aws.ecs.send(new RunTaskCommand({ cluster: learner.vars.cluster, taskDefinition: learner.vars.taskFamily, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: [net.publicA], securityGroups: [net.standaloneSg], assignPublicIp: 'ENABLED' } } }));
    },
  },
  // Lesson 08: the load balancer and the service.
  {
    fixture: 'service/load-balancer no-listener.json',
    items: ['listener'],
    arrange: async (learner) => void (await learner.state.loadBalancer(await learner.state.network(), { listener: false })),
  },
  {
    fixture: 'service/load-balancer listener-elsewhere.json',
    items: ['listener'],
    arrange: async ({ state }) => {
      const net = await state.network();
      const { albArn } = await state.loadBalancer(net, { listener: false });
      const other = (await state.aws.elbv2.send(new CreateTargetGroupCommand({ Name: 'other-tg', Protocol: 'HTTP', Port: 3000, TargetType: 'ip', VpcId: net.vpcId }))).TargetGroups![0]!.TargetGroupArn!;
      await state.aws.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: albArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: other }] }));
    },
  },
  {
    fixture: 'service/load-balancer no-load-balancer.json',
    items: ['alb'],
    arrange: async ({ state }) => void (await state.network()),
  },
  {
    fixture: 'service/load-balancer in-other-region.json',
    items: ['alb'],
    arrange: async (learner) => {
      await learner.state.network();
      const there = lessonState(learner.account, { ...learner.vars, region: 'us-east-1' });
      await there.loadBalancer(await there.network());
    },
  },
  {
    fixture: 'service/load-balancer one-az.fixture.json',
    items: ['two-azs'],
    arrange: async ({ state }) => {
      const net = await state.network();
      await state.loadBalancer(net, { subnets: [net.publicA] });
    },
  },
  {
    fixture: 'service/load-balancer instance-target-group.json',
    items: ['target-type'],
    arrange: async ({ state }) => void (await state.loadBalancer(await state.network(), { targetType: 'instance' })),
  },
  {
    fixture: 'service/running service-missing.json',
    items: ['service'],
    arrange: async (learner) => void (await lesson08(learner, { service: false })),
  },
  {
    fixture: 'service/running service-in-other-region.json',
    items: ['service'],
    arrange: async (learner) => {
      await lesson08(learner, { service: false });
      await learner.account.clients('us-east-1').ecs.send(new CreateClusterCommand({ clusterName: learner.vars.cluster }));
      await learner.account.clients('us-east-1').ecs.send(new RegisterTaskDefinitionCommand({ ...learner.state.taskDefinitionInput(), executionRoleArn: undefined }));
      await learner.account.clients('us-east-1').ecs.send(new CreateServiceCommand({ cluster: learner.vars.cluster, serviceName: learner.vars.service, taskDefinition: learner.vars.taskFamily, desiredCount: 1, launchType: 'FARGATE' }));
    },
  },
  {
    fixture: 'service/running no-load-balancer.json',
    items: ['load-balancer'],
    arrange: async (learner) => void (await lesson08(learner, { serviceWithoutTargetGroup: true })),
  },
  {
    fixture: 'service/running just-created.json',
    items: ['grace-period'],
    arrange: async (learner) => void (await lesson08(learner, { gracePeriod: 0 })),
  },
  {
    fixture: 'service/running old-revision.fixture.json',
    items: ['revision'],
    arrange: async (learner) => {
      await lesson08(learner);
      await learner.state.taskDefinition();
    },
  },
  // Lesson 09: self-healing.
  ...['scaled-back-before-lesson.fixture.json', 'scaled-back-never-steady.fixture.json', 'still-two.json'].map((file): Scenario => ({
    fixture: `self-healing/scaled-out ${file}`,
    items: ['desired'],
    arrange: async (learner) => void (await lesson08(learner)),
  })),
  // Lesson 10: a new version.
  {
    fixture: 'new-version/rolled-out only-one-revision.json',
    items: ['image'],
    files: ['task-definition.json', 'task-definition-v2.json'],
    arrange: async (learner) => {
      await lesson08(learner);
      await pushVersion2(learner);
    },
  },
  {
    fixture: 'new-version/rolled-out revision-with-old-image.json',
    items: ['image'],
    files: ['task-definition.json', 'task-definition-v2.json'],
    arrange: async (learner) => {
      await lesson08(learner);
      await pushVersion2(learner);
      await learner.state.taskDefinition();
    },
  },
  {
    fixture: 'new-version/rolled-out service-on-old-revision.json',
    items: ['revision'],
    arrange: async (learner) => {
      await lesson08(learner);
      await pushVersion2(learner);
      await learner.state.taskDefinition(undefined, 'v2');
    },
  },
  // Lesson 11: cleanup, every leftover's fix in the order the Check lists them.
  {
    fixture: 'cleanup/billable-gone load-balancer-left.json',
    items: ['load-balancer:ecs-fargate-alb'],
    arrange: async ({ state }) => void (await state.loadBalancer(await state.network())),
  },
  {
    fixture: 'cleanup/billable-gone everything-left.fixture.json',
    items: ['load-balancer:ecs-fargate-alb', 'nat-gateway:nat-0123456789abcdef0', 'elastic-ip:eipalloc-0123456789abcdef0', 'endpoint:vpce-0123456789abcdef0', 'service:ecs-fargate-service', 'task:11111111aaaa4bbb8ccc000000000001', 'task:88888888aaaa4bbb8ccc000000000008'],
    sequence: true,
    arrange: async (learner) => {
      const { net } = await lesson08(learner);
      const { ec2, ecs } = learner.state.aws;
      const eip = (await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId!;
      await ec2.send(new CreateNatGatewayCommand({ SubnetId: net.publicA, AllocationId: eip }));
      await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
      await learner.state.taskDefinition(motoRunnable);
      await ec2.send(new CreateVpcEndpointCommand({ VpcId: net.vpcId, ServiceName: `com.amazonaws.${learner.vars.region}.ecr.dkr`, VpcEndpointType: 'Interface', SubnetIds: [net.privateA] }));
      await ecs.send(new RunTaskCommand({ cluster: learner.vars.cluster, taskDefinition: learner.vars.taskFamily, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: [net.publicA], securityGroups: [net.taskSg], assignPublicIp: 'ENABLED' } } }));
    },
  },
  {
    fixture: 'cleanup/all-gone everything-left.json',
    items: ['target-group', 'cluster', 'task-definition:ecs-handson-task:1', 'task-definition:ecs-handson-task:2', 'repository', 'log-group', 'security-group:sg-0task', 'security-group:sg-0alb', 'subnet:subnet-0pub1a', 'subnet:subnet-0prv1a', 'route-table:rtb-0public', 'internet-gateway:igw-0lesson', 'vpc'],
    sequence: true,
    // What lesson 11's billable step leaves: no load balancer, service or task, everything else.
    arrange: async (learner) => {
      const net = await learner.state.network();
      await lesson06(learner);
      await learner.state.taskDefinition();
      await learner.state.taskDefinition();
      await learner.state.cluster();
      await learner.state.aws.elbv2.send(new CreateTargetGroupCommand({ Name: learner.vars.targetGroup, Protocol: 'HTTP', Port: 3000, TargetType: 'ip', VpcId: net.vpcId }));
    },
  },
  // Lesson 12: CloudFormation.
  {
    fixture: 'cloudformation/stack-complete no-stack.json',
    items: ['stack'],
    files: ['ecs-service.yaml'],
    // Lesson 12 starts where lesson 11's first step leaves off: the network and the image stay.
    arrange: async ({ state }) => {
      await state.network();
      await state.repositoryWithImage();
    },
  },
  {
    fixture: 'cloudformation/stack-deleted still-there.json',
    items: ['stack'],
    arrange: async ({ state, vars }) => state.stack(`${vars.cluster}-stack`, logGroupTemplate),
  },
];

/** A stack with one resource moto can make and delete. */
const logGroupTemplate = JSON.stringify({ Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/ecs/stack-test' } } } });

let moto: Moto;
const root = mkdtempSync(join(tmpdir(), 'fixes-green-'));
const shells: CourseShell[] = [];
let accounts = 0;
let fixes: FixtureFix[] = [];

beforeAll(async () => {
  [moto, fixes] = await Promise.all([startMoto(), fixtureFixes()]);
  // The checks' own SDK clients read the endpoint and region from the environment, as in the CLI.
  Object.assign(process.env, moto.env);
}, 60_000);

afterAll(async () => {
  for (const shell of shells) shell.close();
  await moto?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** A fresh account, its learner variables and workspace, and a bash like the workbook's terminal. */
async function learner() {
  const id = String(100000000000 + ++accounts);
  const account = await motoAccount(moto, id);
  const workspace = join(root, id);
  mkdirSync(workspace);
  const vars = testVariables({ accountId: id, workspace, region: moto.region });
  return { account, vars, workspace, state: lessonState(account, vars) } satisfies Learner;
}

async function check(account: MotoAccount, vars: LearnerVariables, step: string): Promise<CheckResult> {
  const definition = await courseChecks.registry.load(step);
  return account.asProcess(async () => {
    const { ctx, dispose } = createCheckContext({ vars, maxAttempts: 1, timeoutMs: 20_000, lessonStartedAt: new Date(Date.now() - 60_000).toISOString() });
    try {
      return (await runCheck(definition, ctx, { env: process.env })).result;
    } finally {
      dispose();
    }
  });
}

async function runAsLearner(account: MotoAccount, workspace: string, vars: LearnerVariables, command: string) {
  const shell = await startRehearsalShell({ learnerEnv: { PATH: learnerPath(), HOME: process.env.HOME!, LANG: 'C.UTF-8', ...account.env }, workspace, region: vars.region, real: false });
  shells.push(shell);
  try {
    return await shell.run(command, 60_000);
  } finally {
    shell.close();
  }
}

/** The learner's file, as the lesson's own command writes it. */
function writeLessonFile(file: LessonFile, vars: LearnerVariables, workspace: string) {
  // Lesson 12 writes its template verbatim (`cat > ecs-service.yaml <<'EOF'`).
  if (file === 'ecs-service.yaml') return writeFileSync(join(workspace, file), readFileSync('lessons/12-cloudformation/ecs-service.yaml', 'utf8'));
  const writer = runnableCommands('lessons/06-task-definition/en.mdx').find((command) => command.code.includes('cat > task-definition.json'))!;
  const text = /<<'EOF'\n([\s\S]*?)\nEOF/.exec(fillVariables(writer.code, placeholderValues(vars)))![1]!;
  // Lesson 10: `sed 's#/{{repository}}:latest"#/{{repository}}:v2"#' task-definition.json > task-definition-v2.json`
  writeFileSync(join(workspace, file), file === 'task-definition.json' ? text : text.replace(`/${vars.repository}:latest"`, `/${vars.repository}:v2"`));
}

const summary = (result: CheckResult) => result.items.map((item) => `${item.id}: ${item.status} ${JSON.stringify(item.hint ?? '')} ${item.actual ?? ''}${item.fix ? ` fix=${item.fix}` : ''}`).join('\n');

describe('every fixture fix is exercised here or listed with a reason', () => {
  it('no fixture fix is in neither list, and neither list names a fix that no longer exists', () => {
    const exercised = new Set(scenarios.flatMap((scenario) => scenario.items.map((item) => `${scenario.fixture} ${item}`)));
    const listed = new Set(Object.keys(notExercisable));
    expect(fixes.length).toBeGreaterThan(50);
    expect(fixes.filter((fix) => !exercised.has(fix.key) && !listed.has(fix.key)).map((fix) => `${fix.key}: ${fix.fix}`)).toEqual([]);
    const known = new Set(fixes.map((fix) => fix.key));
    expect([...exercised, ...listed].filter((key) => !known.has(key))).toEqual([]);
    expect([...exercised].filter((key) => listed.has(key))).toEqual([]);
  });
});

describe.concurrent('running the fix turns the item green in moto', () => {
  for (const scenario of scenarios) {
    const [step, file] = scenario.fixture.split(' ') as [string, string];
    it(`${step}: ${file.replace(/\.json$/, '')} (${scenario.items.join(', ')})`, async () => {
      const learnerNow = await learner();
      const { account, vars, workspace } = learnerNow;
      await scenario.arrange(learnerNow);
      for (const file of scenario.files ?? []) writeLessonFile(file, vars, workspace);
      const kind = (id: string) => id.split(':')[0];
      const matches = (item: CheckItem, fixtureItem: string) =>
        scenario.sequence ? kind(item.id) === kind(fixtureItem) : scenario.motoItem ? scenario.motoItem.test(item.id) : item.id === fixtureItem;
      const before = await check(account, vars, step);
      const broken = scenario.items.map((fixtureItem) => before.items.find((item) => matches(item, fixtureItem)));
      for (const [index, item] of broken.entries()) {
        expect(item, `${scenario.items[index]} in\n${summary(before)}`).toBeDefined();
        expect(['fail', 'warn', 'pending'], `${item!.id} before the fix\n${summary(before)}`).toContain(item!.status);
        expect(item!.fix, `${item!.id} offers a fix`).toBeTruthy();
      }
      if (!scenario.sequence) for (const item of broken) expect(item!.fix, 'the items this scenario covers share one fix').toBe(broken[0]!.fix);
      // In a sequence, the learner runs each offered fix from the top, as the Check lists them.
      const commands = scenario.sequence ? before.items.filter((item) => item.fix && item.status !== 'pass').map((item) => item.fix!) : [broken[0]!.fix!];
      for (const command of commands) {
        const ran = await runAsLearner(account, workspace, vars, command);
        expect(ran.exitCode, `${command}\n${ran.output}`).toBe(0);
      }
      const after = await check(account, vars, step);
      expect(after.status, `the Check looked after the fix\n${summary(after)}`).not.toBe('error');
      // After every leftover's fix, nothing is left: the whole cleanup Check passes.
      if (scenario.sequence) expect(after.status, `after\n${commands.join('\n')}\n${summary(after)}`).toBe('pass');
      for (const item of broken) {
        // An item that names a problem (route-subnet-…, a leftover) is gone once the problem is.
        const still = after.items.filter((candidate) => (scenario.sequence ? kind(candidate.id) === kind(item!.id) : candidate.id === item!.id));
        for (const now of still) expect(now.status, `${now.id} after\n${commands.join('\n')}\n${summary(after)}`).toBe('pass');
      }
    }, 180_000);
  }
});
