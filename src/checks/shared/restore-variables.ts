/**
 * Shell lines that set the lessons' variables ($VPC_ID, $PUBLIC_A, $TASK_SG, $TG_ARN, …) again from
 * the resources' names, as the "new terminal? restore your variables" block of each lesson does.
 * A fix command that needs them starts with these lines, so it works when run from a Check in a
 * fresh terminal, where the variables of the lesson's earlier commands are unset (an empty
 * `$TG_ARN` would give "Target Group Arn can not be blank").
 */
import type { LearnerVariables } from '../check-contract.ts';

export type LessonVariable = 'VPC_ID' | 'PUBLIC_A' | 'PUBLIC_C' | 'ALB_SG' | 'TASK_SG' | 'STANDALONE_SG' | 'TG_ARN' | 'ALB_ARN' | 'IMAGE_URI';

/** What each variable needs first (VPC_ID before anything looked up inside the VPC). */
const needs: Partial<Record<LessonVariable, LessonVariable[]>> = {
  PUBLIC_A: ['VPC_ID'], PUBLIC_C: ['VPC_ID'], ALB_SG: ['VPC_ID'], TASK_SG: ['VPC_ID'], STANDALONE_SG: ['VPC_ID'],
};

function lookup(name: LessonVariable, vars: LearnerVariables): string {
  const r = `--region ${vars.region}`;
  const subnet = (suffix: string) => `$(aws ec2 describe-subnets ${r} --filters Name=vpc-id,Values=$VPC_ID Name=tag:Name,Values=${vars.vpcName}-${suffix} --query 'Subnets[0].SubnetId' --output text)`;
  const group = (groupName: string) => `$(aws ec2 describe-security-groups ${r} --filters Name=vpc-id,Values=$VPC_ID Name=group-name,Values=${groupName} --query 'SecurityGroups[0].GroupId' --output text)`;
  switch (name) {
    case 'VPC_ID': return `$(aws ec2 describe-vpcs ${r} --filters Name=tag:Name,Values=${vars.vpcName} --query 'Vpcs[0].VpcId' --output text)`;
    case 'PUBLIC_A': return subnet('public-a');
    case 'PUBLIC_C': return subnet('public-c');
    case 'ALB_SG': return group(vars.albSecurityGroup);
    case 'TASK_SG': return group(vars.taskSecurityGroup);
    case 'STANDALONE_SG': return group(`${vars.vpcName}-standalone-sg`);
    case 'TG_ARN': return `$(aws elbv2 describe-target-groups ${r} --names ${vars.targetGroup} --query 'TargetGroups[0].TargetGroupArn' --output text)`;
    case 'ALB_ARN': return `$(aws elbv2 describe-load-balancers ${r} --names ${vars.loadBalancer} --query 'LoadBalancers[0].LoadBalancerArn' --output text)`;
    // The newest tagged image, as lesson 12 picks it (an untagged child manifest of an index is skipped).
    case 'IMAGE_URI': return `$(aws ecr describe-repositories ${r} --repository-names ${vars.repository} --query 'repositories[0].repositoryUri' --output text):$(aws ecr describe-images ${r} --repository-name ${vars.repository} --query 'sort_by(imageDetails[?imageTags],&imagePushedAt)[-1].imageTags[0]' --output text)`;
  }
}

/** The `$(…)` that looks one variable up, with the VPC looked up inside it where needed. */
export function restoreExpression(vars: LearnerVariables, name: LessonVariable): string {
  return lookup(name, vars).replaceAll('$VPC_ID', lookup('VPC_ID', vars));
}

/** `NAME=$(lookup)` lines for these variables and what they need, in an order that works. */
export function restoreLines(vars: LearnerVariables, names: readonly LessonVariable[]): string {
  const ordered: LessonVariable[] = [];
  const add = (name: LessonVariable) => {
    for (const first of needs[name] ?? []) add(first);
    if (!ordered.includes(name)) ordered.push(name);
  };
  names.forEach(add);
  return ordered.map((name) => `${name}=${lookup(name, vars)}`).join('\n');
}

/** A command that uses lesson variables, preceded by the lines that set them from the names. */
export function withRestoredVariables(vars: LearnerVariables, command: string): string {
  const used = (['VPC_ID', 'PUBLIC_A', 'PUBLIC_C', 'ALB_SG', 'TASK_SG', 'STANDALONE_SG', 'TG_ARN', 'ALB_ARN', 'IMAGE_URI'] as const).filter((name) => new RegExp(`\\$${name}\\b`).test(command));
  return used.length ? `${restoreLines(vars, used)}\n${command}` : command;
}
