/**
 * task-definition/execution-role: the role Fargate uses to pull the image and write logs exists,
 * trusts ecs-tasks.amazonaws.com, and carries AmazonECSTaskExecutionRolePolicy (or an inline
 * policy granting the same actions).
 */
import { defineCheck, errorItem, failedToLook, identityItems, isCaptured, observeBase, result, shellQuote, type BaseSnapshot, type CheckItem } from '#check-kit';
import {
  ecsTasksTrust,
  executionPolicyArn,
  hasManagedExecutionPolicy,
  missingExecutionActions,
  observeRole,
  trustsEcsTasks,
  type RoleState,
} from './execution-role-state.ts';
import { found, missingResource } from '#check-kit';

const lesson = 'task-definition';
const key = (suffix: string) => `${lesson}.execution-role.${suffix}`;

export interface ExecutionRoleSnapshot extends BaseSnapshot {
  role: RoleState;
}

export default defineCheck<ExecutionRoleSnapshot>({
  id: 'task-definition/execution-role',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws iam get-role --role-name {{executionRole}} --query 'Role.AssumeRolePolicyDocument'",
    "aws iam list-attached-role-policies --role-name {{executionRole}}",
  ],
  async observe(ctx) {
    return { ...(await observeBase(ctx)), role: await observeRole(ctx, ctx.vars.executionRole) };
  },
  judge(snapshot, vars) {
    const items: CheckItem[] = identityItems(snapshot);
    const { role } = snapshot;
    const name = vars.executionRole;
    if (failedToLook(role.role)) return result(lesson, [...items, errorItem('iam:GetRole', role.role)]);
    if (isCaptured(role.role)) {
      items.push({
        id: 'exists', status: 'fail', label: { key: key('exists.label'), params: { name } },
        expected: name, actual: role.role.$error.name,
        hint: { key: key('exists.hint') },
        fix: `aws iam create-role --role-name ${shellQuote(name)} --assume-role-policy-document ${shellQuote(ecsTasksTrust)}`,
      });
      return result(lesson, items, missingResource('iam-role', snapshot.region, name));
    }
    items.push({ id: 'exists', status: 'pass', label: { key: key('exists.label'), params: { name } } });
    items.push(
      trustsEcsTasks(role)
        ? { id: 'trust', status: 'pass', label: { key: key('trust.label') } }
        : {
            id: 'trust', status: 'fail', label: { key: key('trust.label') },
            expected: 'ecs-tasks.amazonaws.com → sts:AssumeRole', actual: trustedServices(role),
            hint: { key: key('trust.hint') },
            fix: `aws iam update-assume-role-policy --role-name ${shellQuote(name)} --policy-document ${shellQuote(ecsTasksTrust)}`,
          },
    );
    for (const [call, value] of [['iam:ListAttachedRolePolicies', role.attached], ['iam:ListRolePolicies', role.inline]] as const) {
      if (failedToLook(value)) return result(lesson, [...items, errorItem(call, value)]);
    }
    const missing = missingExecutionActions(role);
    items.push(
      missing.length === 0
        ? { id: 'policy', status: 'pass', label: { key: key('policy.label') }, ...(hasManagedExecutionPolicy(role) ? {} : { hint: { key: key('policy.inline') } }) }
        : {
            id: 'policy', status: 'fail', label: { key: key('policy.label') },
            expected: 'AmazonECSTaskExecutionRolePolicy', actual: attachedNames(role),
            hint: { key: key('policy.hint'), params: { actions: missing.join(', ') } },
            fix: `aws iam attach-role-policy --role-name ${shellQuote(name)} --policy-arn ${executionPolicyArn}`,
          },
    );
    const arn = isCaptured(role.role) ? undefined : role.role.Role?.Arn;
    return result(lesson, items, found('iam-role', snapshot.region, arn, { name, presence: items.some((item) => item.status === 'fail') ? 'exists' : 'healthy' }));
  },
});

function trustedServices(role: RoleState): string {
  if (isCaptured(role.role)) return '';
  const document = role.role.Role?.AssumeRolePolicyDocument ?? '';
  const services = [...decodeURIComponent(document).matchAll(/"([a-z0-9-]+\.amazonaws\.com)"/g)].map((m) => m[1]);
  return services.length ? services.join(', ') : '(no service principal)';
}

function attachedNames(role: RoleState): string {
  if (!role.attached || isCaptured(role.attached)) return '';
  const names = (role.attached.AttachedPolicies ?? []).map((p) => p.PolicyName).filter(Boolean);
  return names.length ? names.join(', ') : '(no policy attached)';
}
