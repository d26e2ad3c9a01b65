/**
 * The execution role as IAM reports it: its trust policy, attached managed policies and inline
 * policies. Used by the execution-role step and, for the log-group permission, by the
 * registered step.
 */
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { allows, asArray, capture, decodePolicy, isCaptured, type CheckContext, type Observed, type PolicyDocument } from '#check-kit';

export const executionPolicyArn = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

/** What AmazonECSTaskExecutionRolePolicy grants (it does not grant logs:CreateLogGroup). */
export const executionActions = [
  'ecr:GetAuthorizationToken',
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
];

export interface RoleState {
  roleName: string;
  role: Observed<{ Role?: { Arn?: string; RoleName?: string; AssumeRolePolicyDocument?: string } }>;
  attached?: Observed<{ AttachedPolicies?: { PolicyName?: string; PolicyArn?: string }[] }>;
  inline?: Observed<{ PolicyNames?: string[] }>;
  inlineDocuments?: { name: string; document: Observed<{ PolicyDocument?: string }> }[];
}

export async function observeRole(ctx: CheckContext, roleName: string): Promise<RoleState> {
  const options = { abortSignal: ctx.signal };
  const role = await capture(ctx.aws.iam.send(new GetRoleCommand({ RoleName: roleName }), options));
  const state: RoleState = {
    roleName,
    role: isCaptured(role)
      ? role
      : { Role: { Arn: role.Role?.Arn, RoleName: role.Role?.RoleName, AssumeRolePolicyDocument: role.Role?.AssumeRolePolicyDocument } },
  };
  if (isCaptured(role)) return state;
  const [attached, inline] = await Promise.all([
    capture(ctx.aws.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }), options)),
    capture(ctx.aws.iam.send(new ListRolePoliciesCommand({ RoleName: roleName }), options)),
  ]);
  state.attached = isCaptured(attached) ? attached : { AttachedPolicies: attached.AttachedPolicies };
  state.inline = isCaptured(inline) ? inline : { PolicyNames: inline.PolicyNames };
  if (!isCaptured(inline)) {
    state.inlineDocuments = await Promise.all(
      (inline.PolicyNames ?? []).slice(0, 10).map(async (name) => {
        const document = await capture(ctx.aws.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }), options));
        return { name, document: isCaptured(document) ? document : { PolicyDocument: document.PolicyDocument } };
      }),
    );
  }
  return state;
}

/** True when the decoded trust policy lets ECS tasks assume the role. */
export function trustsEcsTasks(state: RoleState): boolean {
  if (isCaptured(state.role)) return false;
  const trust = decodePolicy(state.role.Role?.AssumeRolePolicyDocument);
  return asArray(trust?.Statement).some((statement) => {
    if (statement.Effect !== 'Allow') return false;
    if (!asArray(statement.Action).some((action) => action === '*' || /^sts:(AssumeRole|\*)$/i.test(action))) return false;
    const principal = statement.Principal;
    if (typeof principal === 'string') return principal === '*';
    return asArray(principal?.Service).includes('ecs-tasks.amazonaws.com');
  });
}

export function hasManagedExecutionPolicy(state: RoleState): boolean {
  if (!state.attached || isCaptured(state.attached)) return false;
  return (state.attached.AttachedPolicies ?? []).some((policy) => policy.PolicyArn === executionPolicyArn);
}

export function inlineDocuments(state: RoleState): PolicyDocument[] {
  return (state.inlineDocuments ?? []).flatMap(({ document }) =>
    isCaptured(document) ? [] : [decodePolicy(document.PolicyDocument)].filter((d): d is PolicyDocument => d !== undefined),
  );
}

/** Execution actions the role lacks (none when the managed policy is attached). */
export function missingExecutionActions(state: RoleState): string[] {
  if (hasManagedExecutionPolicy(state)) return [];
  const documents = inlineDocuments(state);
  return executionActions.filter((action) => !allows(documents, action));
}

/** Whether the role may create log groups (needed for `awslogs-create-group: true`). */
export function mayCreateLogGroup(state: RoleState): boolean {
  return allows(inlineDocuments(state), 'logs:CreateLogGroup') ||
    (!!state.attached && !isCaptured(state.attached) &&
      (state.attached.AttachedPolicies ?? []).some((p) => /CloudWatchLogsFullAccess|AdministratorAccess/.test(p.PolicyArn ?? '')));
}

/** The trust policy the lesson uses, as a one-line JSON for fix commands. */
export const ecsTasksTrust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
