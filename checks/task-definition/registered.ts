/**
 * task-definition/registered: the latest ACTIVE revision of the family is a Fargate blueprint
 * that can start: awsvpc, 0.25 vCPU / 0.5 GB, the learner's ECR image with a tag that exists,
 * port 3000, awslogs into a log group that exists (or may be created), and an execution role.
 */
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeImagesCommand, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { DescribeTaskDefinitionCommand, type TaskDefinition } from '@aws-sdk/client-ecs';
import { capture, defineCheck, errorItem, failedToLook, identityItems, isCaptured, isNotFound, lookInOtherRegions, observeBase, parseImage, result, shellQuote, withOtherRegions, type BaseSnapshot, type CheckItem, type LearnerVariables, type Observed } from '#check-kit';
import { ecsTasksTrust, executionPolicyArn, mayCreateLogGroup, missingExecutionActions, observeRole, trustsEcsTasks, type RoleState } from './execution-role-state.ts';
import { found, missingResource } from '#check-kit';

const lesson = 'task-definition';
const key = (suffix: string) => `${lesson}.registered.${suffix}`;
const registerFix = (region: string) => `aws ecs register-task-definition --region ${region} --cli-input-json file://task-definition.json`;

export interface RegisteredSnapshot extends BaseSnapshot {
  taskDefinition: Observed<{ taskDefinition?: TaskDefinition }>;
  repository?: Observed<{ repositories?: { repositoryUri?: string; repositoryName?: string }[] }>;
  image?: Observed<{ imageDetails?: { imageTags?: string[]; imageDigest?: string; imagePushedAt?: string | Date }[] }>;
  logGroups?: Observed<{ logGroups?: { logGroupName?: string; arn?: string; storedBytes?: number }[] }>;
  role?: RoleState;
}

export default defineCheck<RegisteredSnapshot>({
  id: 'task-definition/registered',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ecs describe-task-definition --region {{region}} --task-definition {{taskFamily}} --query 'taskDefinition.[revision,cpu,memory,executionRoleArn,containerDefinitions[0].image]'",
    "aws logs describe-log-groups --region {{region}} --log-group-name-prefix {{logGroup}} --query 'logGroups[].logGroupName'",
  ],
  async observe(ctx) {
    const options = { abortSignal: ctx.signal };
    const snapshot: RegisteredSnapshot = {
      ...(await observeBase(ctx)),
      taskDefinition: await capture(ctx.aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: ctx.vars.taskFamily }), options)),
    };
    snapshot.repository = await capture(ctx.aws.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [ctx.vars.repository] }), options));
    if (isNotFound(snapshot.taskDefinition)) snapshot.foundIn = await lookInOtherRegions(ctx, { kind: 'task-definition', family: ctx.vars.taskFamily });
    if (isCaptured(snapshot.taskDefinition)) return snapshot;
    const definition = snapshot.taskDefinition.taskDefinition;
    const container = definition?.containerDefinitions?.[0];
    const image = parseImage(container?.image ?? '');
    if (image.account && image.region === ctx.aws.region) {
      const imageId = image.digest ? { imageDigest: image.digest } : { imageTag: image.tag ?? 'latest' };
      snapshot.image = await capture(ctx.aws.ecr.send(new DescribeImagesCommand({ repositoryName: image.repository, imageIds: [imageId] }), options));
    }
    const group = container?.logConfiguration?.options?.['awslogs-group'];
    if (group) snapshot.logGroups = await capture(ctx.aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }), options));
    const roleName = definition?.executionRoleArn?.split('/').pop();
    if (roleName) snapshot.role = await observeRole(ctx, roleName);
    return snapshot;
  },
  judge(snapshot, vars) {
    const items: CheckItem[] = identityItems(snapshot);
    if (failedToLook(snapshot.taskDefinition)) return result(lesson, [...items, errorItem('ecs:DescribeTaskDefinition', snapshot.taskDefinition)]);
    if (isCaptured(snapshot.taskDefinition) || !snapshot.taskDefinition.taskDefinition) {
      items.push(withOtherRegions({
        id: 'found', status: 'fail', label: { key: key('found.label'), params: { family: vars.taskFamily } },
        expected: `${vars.taskFamily} (ACTIVE)`, actual: { key: 'value.not-found' }, hint: { key: key('found.hint') }, fix: registerFix(vars.region),
      }, lesson, snapshot.foundIn, vars.taskFamily, vars.region));
      return result(lesson, items, missingResource('task-definition', snapshot.region, vars.taskFamily));
    }
    const definition = snapshot.taskDefinition.taskDefinition;
    const revision = `${definition.family}:${definition.revision}`;
    items.push({ id: 'found', status: 'pass', label: { key: key('found.label'), params: { family: revision } } });
    items.push(...shapeItems(definition, vars.region));
    items.push(...imageItems(snapshot, definition, vars));
    items.push(...logItems(snapshot, definition, vars));
    items.push(...roleItems(snapshot, definition, vars));
    const failed = items.some((item) => item.status === 'fail');
    const group = definition.containerDefinitions?.[0]?.logConfiguration?.options?.['awslogs-group'];
    const logGroup = snapshot.logGroups && !isCaptured(snapshot.logGroups) ? snapshot.logGroups.logGroups?.find((g) => g.logGroupName === group) : undefined;
    return result(lesson, items, [
      ...found('task-definition', snapshot.region, definition.taskDefinitionArn, { name: revision, state: definition.status, presence: failed ? 'exists' : 'healthy' }),
      ...(logGroup ? found('log-group', snapshot.region, logGroup.arn ?? logGroup.logGroupName, { name: logGroup.logGroupName, storedBytes: logGroup.storedBytes }) : group ? missingResource('log-group', snapshot.region, group) : []),
    ]);
  },
});

function check(region: string, id: string, ok: boolean, expected: string, actual: string, extra: Partial<CheckItem> = {}): CheckItem {
  return ok
    ? { id, status: 'pass', label: { key: key(`${id}.label`) } }
    : { id, status: 'fail', label: { key: key(`${id}.label`) }, expected, actual, hint: { key: key(`${id}.hint`) }, fix: registerFix(region), ...extra };
}

function shapeItems(definition: TaskDefinition, region: string): CheckItem[] {
  const requires = definition.requiresCompatibilities ?? [];
  const compatible = definition.compatibilities ?? [];
  const architecture = definition.runtimePlatform?.cpuArchitecture ?? 'X86_64';
  const container = definition.containerDefinitions?.[0];
  const ports = container?.portMappings ?? [];
  const port = ports.find((p) => p.containerPort === 3000 && (p.protocol ?? 'tcp') === 'tcp' && (p.hostPort === undefined || p.hostPort === 3000));
  return [
    check(region, 'fargate', requires.includes('FARGATE') && compatible.includes('FARGATE'), 'FARGATE', `requires ${requires.join(',') || '-'}, compatible ${compatible.join(',') || '-'}`),
    check(region, 'network-mode', definition.networkMode === 'awsvpc', 'awsvpc', definition.networkMode ?? '(default: bridge)'),
    check(region, 'size', definition.cpu === '256' && definition.memory === '512', 'cpu 256, memory 512', `cpu ${definition.cpu ?? '-'}, memory ${definition.memory ?? '-'}`),
    architecture === 'X86_64'
      ? { id: 'architecture', status: 'pass', label: { key: key('architecture.label') } }
      : { id: 'architecture', status: 'warn', label: { key: key('architecture.label') }, expected: 'X86_64', actual: architecture, hint: { key: key('architecture.hint') } },
    check(region, 'essential', container?.essential !== false, 'essential: true', 'essential: false'),
    check(region, 'port', !!port, 'containerPort 3000/tcp', ports.map((p) => `${p.containerPort}/${p.protocol ?? 'tcp'}${p.hostPort !== undefined ? ` host ${p.hostPort}` : ''}`).join(', ') || '(no port mapping)'),
  ];
}

function imageItems(snapshot: RegisteredSnapshot, definition: TaskDefinition, vars: LearnerVariables): CheckItem[] {
  const imageText = definition.containerDefinitions?.[0]?.image ?? '';
  const image = parseImage(imageText);
  const account = isCaptured(snapshot.identity) ? vars.accountId : snapshot.identity.Account ?? vars.accountId;
  const repositoryUri = snapshot.repository && !isCaptured(snapshot.repository) ? snapshot.repository.repositories?.[0]?.repositoryUri : undefined;
  const expectedUri = repositoryUri ?? `${account ?? '<account>'}.dkr.ecr.${snapshot.region}.amazonaws.com/${vars.repository}`;
  const label = { key: key('image.label') };
  const fail = (hint: string, params: Record<string, string> = {}): CheckItem => ({
    id: 'image', status: 'fail', label, expected: `${expectedUri}:<tag>`, actual: imageText || { key: 'value.none' },
    hint: { key: key(`image.${hint}`), params: { uri: expectedUri, ...params } }, fix: registerFix(vars.region),
  });
  if (!image.registry) return [fail('no-registry')];
  if (!image.account) return [fail('not-ecr')];
  if ((account && image.account !== account) || image.region !== snapshot.region) {
    return [fail('foreign', { account: image.account, region: image.region ?? '' })];
  }
  if (image.repository !== vars.repository) return [fail('other-repository', { repository: image.repository })];
  const found = snapshot.image;
  if (found && failedToLook(found)) return [errorItem('ecr:DescribeImages', found)];
  if (!found || isCaptured(found) || !found.imageDetails?.length) {
    const reference = image.digest ?? image.tag ?? 'latest';
    return [{
      ...fail('tag-missing', { tag: reference }),
      fix: `docker push ${expectedUri}:${image.tag ?? 'latest'}`,
    }];
  }
  return [{ id: 'image', status: 'pass', label, actual: imageText }];
}

function logItems(snapshot: RegisteredSnapshot, definition: TaskDefinition, vars: LearnerVariables): CheckItem[] {
  const config = definition.containerDefinitions?.[0]?.logConfiguration;
  const options = config?.options ?? {};
  const group = options['awslogs-group'];
  const configured = config?.logDriver === 'awslogs' && !!group && !!options['awslogs-region'] && !!options['awslogs-stream-prefix'];
  const items: CheckItem[] = [
    check(vars.region, 'logs', configured && options['awslogs-region'] === snapshot.region,
      `awslogs: group ${vars.logGroup}, region ${snapshot.region}, stream-prefix ecs`,
      config ? `${config.logDriver}: ${Object.entries(options).map(([k, v]) => `${k}=${v}`).join(', ')}` : '(no log configuration)'),
  ];
  if (!group) return items;
  if (snapshot.logGroups && failedToLook(snapshot.logGroups)) return [...items, errorItem('logs:DescribeLogGroups', snapshot.logGroups)];
  const exists = !!snapshot.logGroups && !isCaptured(snapshot.logGroups) && (snapshot.logGroups.logGroups ?? []).some((g) => g.logGroupName === group);
  const createGroup = options['awslogs-create-group'] === 'true';
  const label = { key: key('log-group.label'), params: { group } };
  if (exists) items.push({ id: 'log-group', status: 'pass', label });
  else if (createGroup && snapshot.role && mayCreateLogGroup(snapshot.role)) items.push({ id: 'log-group', status: 'pass', label, hint: { key: key('log-group.created-on-start') } });
  else {
    items.push({
      id: 'log-group', status: 'fail', label, expected: group, actual: { key: 'value.not-found' },
      hint: { key: key(createGroup ? 'log-group.no-create-permission' : 'log-group.missing') },
      fix: `aws logs create-log-group --region ${vars.region} --log-group-name ${shellQuote(group)}`,
    });
  }
  return items;
}

function roleItems(snapshot: RegisteredSnapshot, definition: TaskDefinition, vars: LearnerVariables): CheckItem[] {
  const label = { key: key('execution-role.label') };
  if (!definition.executionRoleArn) {
    return [{
      id: 'execution-role', status: 'fail', label, expected: `arn:aws:iam::<account>:role/${vars.executionRole}`, actual: { key: 'value.none' },
      hint: { key: key('execution-role.none') }, fix: registerFix(vars.region),
    }];
  }
  const role = snapshot.role;
  if (!role) return [];
  if (failedToLook(role.role)) return [errorItem('iam:GetRole', role.role)];
  if (isCaptured(role.role)) {
    return [{ id: 'execution-role', status: 'fail', label, expected: definition.executionRoleArn, actual: { key: 'value.not-found' }, hint: { key: key('execution-role.missing') }, fix: registerFix(vars.region) }];
  }
  if (!trustsEcsTasks(role)) {
    return [{ id: 'execution-role', status: 'fail', label, actual: role.roleName, hint: { key: key('execution-role.trust') }, fix: `aws iam update-assume-role-policy --role-name ${shellQuote(role.roleName)} --policy-document ${shellQuote(ecsTasksTrust)}` }];
  }
  const missing = missingExecutionActions(role);
  if (missing.length) {
    return [{
      id: 'execution-role', status: 'fail', label, expected: 'AmazonECSTaskExecutionRolePolicy', actual: role.roleName,
      hint: { key: key('execution-role.policy'), params: { actions: missing.join(', ') } },
      fix: `aws iam attach-role-policy --role-name ${shellQuote(role.roleName)} --policy-arn ${executionPolicyArn}`,
    }];
  }
  return [{ id: 'execution-role', status: 'pass', label, actual: role.roleName }];
}
