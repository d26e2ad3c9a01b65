/**
 * The learner's CloudFormation stack: its status, its parameters (the names it used), and the
 * first failure among its events. The engine's clients have no CloudFormation client, so one is
 * made from the ECS client's region, credentials and endpoint (the same account and place).
 */
import { CloudFormationClient, DescribeStackEventsCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { capture, isCaptured, iso, withRestoredVariables, type CheckContext, type LearnerVariables, type Observed } from '#check-kit';

export const stackName = (vars: LearnerVariables) => `${vars.cluster}-stack`;

/** The lesson's deploy command with the learner's names; the network ids and image are looked up again first (a fresh terminal has none). */
export const deployCommand = (vars: LearnerVariables) => withRestoredVariables(vars,
  `aws cloudformation deploy --region ${vars.region} --stack-name ${stackName(vars)} --template-file ecs-service.yaml --capabilities CAPABILITY_IAM --parameter-overrides ` +
  `VpcId=$VPC_ID PublicSubnetIds=$PUBLIC_A,$PUBLIC_C ImageUri=$IMAGE_URI ClusterName=${vars.cluster} ServiceName=${vars.service} ` +
  `TaskFamily=${vars.taskFamily} LoadBalancerName=${vars.loadBalancer} TargetGroupName=${vars.targetGroup} LogGroupName=${vars.logGroup}`);

export interface StackView {
  StackName?: string;
  StackId?: string;
  StackStatus?: string;
  StackStatusReason?: string;
  /** When creation began (ISO): how long a stack has been creating is measured from it. */
  CreationTime?: string;
  Parameters: Record<string, string>;
  Outputs: Record<string, string>;
}

export interface StackObservation {
  stack: Observed<{ stack?: StackView }>;
  /** Newest first: the failed events, for a stack that did not complete. */
  failures?: Observed<{ events: StackEventView[] }>;
  /** For a stack still creating: its newest resource event, which says what CloudFormation waits for. */
  latest?: Observed<{ event?: StackEventView }>;
}

export interface StackEventView {
  LogicalResourceId?: string;
  ResourceType?: string;
  ResourceStatus?: string;
  ResourceStatusReason?: string;
  Timestamp?: string;
}

const eventView = (e: Omit<StackEventView, 'Timestamp'> & { Timestamp?: Date | string }): StackEventView => ({
  LogicalResourceId: e.LogicalResourceId, ResourceType: e.ResourceType, ResourceStatus: e.ResourceStatus,
  ...(e.ResourceStatusReason && { ResourceStatusReason: e.ResourceStatusReason }), Timestamp: iso(e.Timestamp),
});

/** A stack CloudFormation is still creating or updating (not rolling back). */
export const isCreating = (status: string | undefined) => /IN_PROGRESS$/.test(status ?? '') && !/ROLLBACK|DELETE/.test(status ?? '');

export function cloudFormationClient(ctx: CheckContext): CloudFormationClient {
  const own = (ctx.aws as { cloudformation?: CloudFormationClient }).cloudformation;
  if (own) return own;
  const config = ctx.aws.ecs.config;
  return new CloudFormationClient({ region: ctx.aws.region, credentials: config.credentials, ...(config.endpoint && { endpoint: config.endpoint }), maxAttempts: 3 });
}

export async function observeStack(ctx: CheckContext, name: string): Promise<StackObservation> {
  const client = cloudFormationClient(ctx);
  const options = { abortSignal: ctx.signal };
  const answer = await capture(client.send(new DescribeStacksCommand({ StackName: name }), options));
  if (isCaptured(answer)) return { stack: answer };
  const stack = answer.Stacks?.[0];
  const view: StackView | undefined = stack && {
    StackName: stack.StackName, StackId: stack.StackId, StackStatus: stack.StackStatus, ...(stack.StackStatusReason && { StackStatusReason: stack.StackStatusReason }),
    ...(stack.CreationTime && { CreationTime: iso(stack.CreationTime) }),
    Parameters: Object.fromEntries((stack.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ResolvedValue ?? p.ParameterValue ?? ''])),
    Outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''])),
  };
  const observation: StackObservation = { stack: { stack: view } };
  if (view && /FAILED|ROLLBACK/.test(view.StackStatus ?? '')) {
    const events = await capture(client.send(new DescribeStackEventsCommand({ StackName: view.StackId ?? name }), options));
    observation.failures = isCaptured(events) ? events : {
      events: (events.StackEvents ?? [])
        .filter((e) => /FAILED/.test(e.ResourceStatus ?? '') && e.ResourceStatusReason && !/Resource creation cancelled|resource\(s\) failed/i.test(e.ResourceStatusReason))
        .slice(0, 5)
        .map(eventView),
    };
  }
  if (view && isCreating(view.StackStatus)) {
    // The newest event about a resource (not the stack itself) says what creation waits for.
    const events = await capture(client.send(new DescribeStackEventsCommand({ StackName: view.StackId ?? name }), options));
    if (isCaptured(events)) observation.latest = events;
    else {
      const newest = (events.StackEvents ?? []).find((e) => e.ResourceType !== 'AWS::CloudFormation::Stack');
      observation.latest = newest ? { event: eventView(newest) } : {};
    }
  }
  return observation;
}

/** The learner's variables with the names the stack was given (the service checks read these). */
export function varsFromStack(vars: LearnerVariables, stack: StackView): LearnerVariables {
  const p = stack.Parameters;
  return {
    ...vars,
    cluster: p.ClusterName || vars.cluster,
    service: p.ServiceName || vars.service,
    taskFamily: p.TaskFamily || vars.taskFamily,
    loadBalancer: p.LoadBalancerName || vars.loadBalancer,
    targetGroup: p.TargetGroupName || vars.targetGroup,
    logGroup: p.LogGroupName || vars.logGroup,
  };
}
