/**
 * Why a task stopped, read the way the reference says: by `stopCode` first, then `stoppedReason`
 * and the containers' reasons and exit codes. moto sets no stop code, so without one the texts
 * alone decide. An app that exited is looked up in its log stream for "exec format error" (an
 * arm64 image on X86_64 says so only in the container log).
 */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { capture, isCaptured, shellQuote, taskIdOf, type CheckContext, type LearnerVariables, type Observed } from '#check-kit';
import { executionPolicyArn } from '../task-definition/execution-role-state.ts';
import type { TaskView } from './ecs-tasks.ts';

export type StopCause =
  | 'no-route-to-ecr'
  | 'registry-auth'
  | 'arm64-manifest'
  | 'image-not-found'
  | 'logger-args'
  | 'exec-format'
  | 'app-exited'
  | 'health-checks'
  | 'scheduler'
  | 'user'
  | 'platform'
  | 'other';

export interface StopDiagnosis {
  cause: StopCause;
  /** A failure the learner must fix (false for a manual stop, a scale-in or a platform event). */
  failure: boolean;
  /** The texts the cause was read from, for the item's `actual`. */
  evidence: string;
  params: Record<string, string | number>;
  fix?: string;
}

/** Container-log evidence for a task whose app exited. */
export interface ExitLogs {
  taskArn: string;
  events: Observed<{ events?: { message?: string }[] }>;
}

/**
 * An amd64 build tagged with the ECR URI and pushed in one go (`--push`): a build that is only
 * tagged locally leaves the registry's arm64 image in place, and the next task pulls it again.
 * Needs the `docker login` of lesson 03 (its token lasts 12 hours).
 */
export function rebuildAndPush(vars: LearnerVariables): string {
  return `docker buildx build --platform linux/amd64 -t $(aws ecr describe-repositories --region ${vars.region} --repository-names ${vars.repository} --query 'repositories[0].repositoryUri' --output text):latest --push .`;
}

export function diagnoseStoppedTask(task: TaskView, vars: LearnerVariables, logs: ExitLogs[] = []): StopDiagnosis {
  const containerTexts = task.containers.map((c) => c.reason).filter(Boolean) as string[];
  const text = [task.stoppedReason ?? '', ...containerTexts].join(' | ');
  const exited = task.containers.find((c) => typeof c.exitCode === 'number' && c.exitCode !== 0);
  const evidence = [task.stopCode, text, exited ? `exit code ${exited.exitCode}` : ''].filter(Boolean).join(' — ');
  const base = { evidence, params: { task: taskIdOf(task.taskArn), exitCode: exited?.exitCode ?? '', reason: text.slice(0, 300) } };
  const code = task.stopCode;
  const diagnose = (cause: StopCause, fix?: string): StopDiagnosis => ({
    cause, failure: !['user', 'scheduler', 'platform'].includes(cause), ...base, ...(fix && { fix }),
  });

  if (code === 'UserInitiated') return diagnose('user');
  if (code === 'SpotInterruption' || code === 'TerminationNotice' || code === 'InfrastructureHealth') return diagnose('platform');
  if (code === 'ServiceSchedulerInitiated') {
    return /health check/i.test(text) ? diagnose('health-checks') : diagnose('scheduler');
  }
  // TaskFailedToStart, EssentialContainerExited, or no stop code (moto): read the texts.
  if (/i\/o timeout|dial tcp|context deadline exceeded/i.test(text) && /CannotPullContainerError|ResourceInitializationError|registry|ecr/i.test(text)) {
    return diagnose('no-route-to-ecr');
  }
  if (/descriptor matching platform|no matching manifest/i.test(text)) {
    return diagnose('arm64-manifest', rebuildAndPush(vars));
  }
  if (/failed to validate logger args|log group does not exist|CreateLogGroup/i.test(text)) {
    return diagnose('logger-args', `aws logs create-log-group --region ${vars.region} --log-group-name ${shellQuote(vars.logGroup)}`);
  }
  if (/unable to pull secrets or registry auth|registry auth|AccessDenied|not authorized to perform|assume role/i.test(text)) {
    return diagnose('registry-auth', `aws iam attach-role-policy --role-name ${shellQuote(vars.executionRole)} --policy-arn ${executionPolicyArn}`);
  }
  if (/CannotPullContainerError|pull access denied|not found|manifest unknown/i.test(text)) return diagnose('image-not-found');
  if (code === 'EssentialContainerExited' || /Essential container in task exited/i.test(text) || exited) {
    const log = logs.find((l) => l.taskArn === task.taskArn);
    const execFormat = !!log && !isCaptured(log.events) && (log.events.events ?? []).some((e) => /exec format error/i.test(e.message ?? ''));
    return execFormat
      ? diagnose('exec-format', rebuildAndPush(vars))
      : diagnose('app-exited', `aws logs tail --region ${vars.region} ${shellQuote(vars.logGroup)} --since 30m`);
  }
  return diagnose('other');
}

/** Reads the container log of a task whose app exited, looking for "exec format error". */
export async function observeExitLogs(ctx: CheckContext, task: TaskView): Promise<ExitLogs | undefined> {
  if (task.stopCode !== 'EssentialContainerExited' && !task.containers.some((c) => typeof c.exitCode === 'number' && c.exitCode !== 0)) return undefined;
  const definition = await capture(ctx.aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: task.taskDefinitionArn }), { abortSignal: ctx.signal }));
  if (isCaptured(definition)) return { taskArn: task.taskArn, events: definition };
  const container = definition.taskDefinition?.containerDefinitions?.[0];
  const options = container?.logConfiguration?.options ?? {};
  const group = options['awslogs-group'];
  const prefix = options['awslogs-stream-prefix'];
  if (!group || !prefix) return undefined;
  const events = await capture(
    ctx.aws.logs.send(
      new FilterLogEventsCommand({
        logGroupName: group,
        logStreamNames: [`${prefix}/${container?.name}/${taskIdOf(task.taskArn)}`],
        filterPattern: '"exec format error"',
        limit: 5,
      }),
      { abortSignal: ctx.signal },
    ),
  );
  return { taskArn: task.taskArn, events: isCaptured(events) ? events : { events: (events.events ?? []).map((e) => ({ message: e.message })) } };
}
