/**
 * Tasks of a cluster as the checks see them: ListTasks paginated, DescribeTasks in batches of
 * 100, trimmed to the fields the judges read, and filtered on `group` client-side (moto ignores
 * `serviceName`, and a family or service filter alone can let other launches through).
 */
import { DescribeTasksCommand, ListTasksCommand, type DesiredStatus, type Task } from '@aws-sdk/client-ecs';
import { capture, isCaptured, iso, type CapturedError, type CheckContext, type FoundResource } from '#check-kit';
import { found } from '#check-kit';

/** The parts of a task the judges read; times are ISO strings. */
export interface TaskView {
  taskArn: string;
  group?: string;
  startedBy?: string;
  taskDefinitionArn?: string;
  lastStatus?: string;
  desiredStatus?: string;
  stopCode?: string;
  stoppedReason?: string;
  createdAt?: string;
  startedAt?: string;
  stoppingAt?: string;
  stoppedAt?: string;
  availabilityZone?: string;
  privateIp?: string;
  networkInterfaceId?: string;
  subnetId?: string;
  /** Task size in CPU units (256 = 0.25 vCPU) and MiB, for the cost panel. */
  cpu?: string;
  memory?: string;
  containers: { name?: string; image?: string; imageDigest?: string; lastStatus?: string; exitCode?: number; reason?: string }[];
}

export function toTaskView(task: Task): TaskView {
  const details = task.attachments?.find((a) => a.type === 'ElasticNetworkInterface')?.details ?? [];
  const detail = (name: string) => details.find((d) => d.name === name)?.value;
  const view: TaskView = {
    taskArn: task.taskArn ?? '',
    group: task.group,
    startedBy: task.startedBy,
    taskDefinitionArn: task.taskDefinitionArn,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    createdAt: iso(task.createdAt),
    startedAt: iso(task.startedAt),
    stoppingAt: iso(task.stoppingAt),
    stoppedAt: iso(task.stoppedAt),
    availabilityZone: task.availabilityZone,
    privateIp: detail('privateIPv4Address') ?? task.containers?.[0]?.networkInterfaces?.[0]?.privateIpv4Address,
    networkInterfaceId: detail('networkInterfaceId'),
    subnetId: detail('subnetId'),
    cpu: task.cpu,
    memory: task.memory,
    containers: (task.containers ?? []).map((c) => ({
      name: c.name, image: c.image, imageDigest: c.imageDigest, lastStatus: c.lastStatus, exitCode: c.exitCode, reason: c.reason,
    })),
  };
  return JSON.parse(JSON.stringify(view)) as TaskView; // drop undefined fields: snapshots are JSON
}

/** All tasks of the cluster with that desired status whose group is `group` (any, if none given), newest first. */
export async function listTasks(
  ctx: CheckContext,
  cluster: string,
  desiredStatus: DesiredStatus,
  group?: string,
): Promise<TaskView[] | CapturedError> {
  const options = { abortSignal: ctx.signal };
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await capture(ctx.aws.ecs.send(new ListTasksCommand({ cluster, desiredStatus, nextToken, maxResults: 100 }), options));
    if (isCaptured(page)) return page;
    arns.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken && arns.length < 1000);
  const tasks: TaskView[] = [];
  for (let start = 0; start < arns.length; start += 100) {
    const batch = await capture(ctx.aws.ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(start, start + 100) }), options));
    if (isCaptured(batch)) return batch;
    tasks.push(...(batch.tasks ?? []).filter((t) => group === undefined || t.group === group).map(toTaskView));
  }
  return tasks.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}

export const serviceGroup = (service: string) => `service:${service}`;
export const familyGroup = (family: string) => `family:${family}`;

/** A task still on its way up (RUNNING is the goal; these come before it). */
export function isStarting(task: TaskView): boolean {
  return ['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(task.lastStatus ?? '');
}

/**
 * Tasks as resources for the map and the cost panel: each task with its size, and (when the tasks
 * get one) its public IPv4 address, which AWS bills by the hour on its own.
 */
export function taskResources(tasks: readonly TaskView[], region: string, parent: string, options: { publicIp?: boolean } = {}): FoundResource[] {
  return tasks.flatMap((task) => {
    const id = task.taskArn.split('/').pop() ?? task.taskArn;
    const running = task.lastStatus === 'RUNNING';
    const stopped = task.lastStatus === 'STOPPED' || task.lastStatus === 'DEPROVISIONING';
    return [
      ...found('task', region, task.taskArn, {
        name: id,
        parent,
        state: task.lastStatus,
        presence: running ? 'healthy' : 'exists',
        ...(task.cpu && { vcpu: Number(task.cpu) / 1024 }),
        ...(task.memory && { memoryGb: Number(task.memory) / 1024 }),
        createdAt: task.createdAt,
      }),
      ...(options.publicIp && !stopped ? found('public-ipv4', region, task.networkInterfaceId ?? `${task.taskArn}/ipv4`, { name: `${id} IPv4`, parent, state: task.lastStatus }) : []),
    ];
  });
}
