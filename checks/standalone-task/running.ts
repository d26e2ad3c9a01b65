/**
 * standalone-task/running: one task of the family, started by hand (group `family:<family>`),
 * is RUNNING with a public IP, and the app answers HTTP 200 on port 3000 there. When none runs,
 * the newest stopped one says why.
 */
import { DescribeNetworkInterfacesCommand } from '@aws-sdk/client-ec2';
import { withRestoredVariables, type LearnerVariables, capture, defineCheck, errorItem, failedToLook, identityItems, isCaptured, isNotFound, lookInOtherRegions, observeBase, result, secondsBetween, taskIdOf, withOtherRegions, type BaseSnapshot, type CapturedError, type CheckItem, type Observed } from '#check-kit';
import { probe, type HttpProbe } from '../service/http-probe.ts';
import { familyGroup, isStarting, listTasks, type TaskView } from './ecs-tasks.ts';
import { taskResources } from './ecs-tasks.ts';
import { stopItem } from './stop-item.ts';
import { diagnoseStoppedTask, observeExitLogs, type ExitLogs } from './stopped-task-diagnosis.ts';
import { missingResource } from '#check-kit';

const lesson = 'standalone-task';
const key = (suffix: string) => `${lesson}.running.${suffix}`;

export interface StandaloneRunningSnapshot extends BaseSnapshot {
  running: TaskView[] | CapturedError;
  stopped?: TaskView[] | CapturedError;
  exitLogs?: ExitLogs[];
  publicIp?: Observed<{ publicIp?: string }>;
  http?: HttpProbe;
}

// The lesson's variables are looked up again first: a fix is often run from a fresh terminal.
export const runTaskFix = (cluster: string, family: string, region: string, vars: LearnerVariables) => withRestoredVariables(vars,
  `aws ecs run-task --region ${region} --cluster ${cluster} --task-definition ${family} --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$PUBLIC_A],securityGroups=[$STANDALONE_SG],assignPublicIp=ENABLED}"`);

export default defineCheck<StandaloneRunningSnapshot>({
  id: 'standalone-task/running',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ecs list-tasks --region {{region}} --cluster {{cluster}} --family {{taskFamily}}",
    "aws ecs describe-tasks --region {{region}} --cluster {{cluster}} --tasks $(aws ecs list-tasks --region {{region}} --cluster {{cluster}} --family {{taskFamily}} --query 'taskArns[0]' --output text) --query 'tasks[0].[lastStatus,stopCode,stoppedReason,containers[0].reason]'",
    "aws logs tail {{logGroup}} --region {{region}} --since 15m",
  ],
  async observe(ctx) {
    const { cluster, taskFamily } = ctx.vars;
    const snapshot: StandaloneRunningSnapshot = {
      ...(await observeBase(ctx)),
      running: await listTasks(ctx, cluster, 'RUNNING', familyGroup(taskFamily)),
    };
    if (isNotFound(snapshot.running)) snapshot.foundIn = await lookInOtherRegions(ctx, { kind: 'cluster', cluster });
    if (isCaptured(snapshot.running)) return snapshot;
    const task = snapshot.running[0];
    if (!task) {
      snapshot.stopped = await listTasks(ctx, cluster, 'STOPPED', familyGroup(taskFamily));
      const newest = isCaptured(snapshot.stopped) ? undefined : snapshot.stopped[0];
      const logs = newest && (await observeExitLogs(ctx, newest));
      if (logs) snapshot.exitLogs = [logs];
      return snapshot;
    }
    if (task.networkInterfaceId) {
      const eni = await capture(ctx.aws.ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [task.networkInterfaceId] }), { abortSignal: ctx.signal }));
      snapshot.publicIp = isCaptured(eni) ? eni : { publicIp: eni.NetworkInterfaces?.[0]?.Association?.PublicIp };
      const ip = isCaptured(snapshot.publicIp) ? undefined : snapshot.publicIp.publicIp;
      if (ip && task.lastStatus === 'RUNNING') snapshot.http = await probe(ctx, `http://${ip}:3000/`, 4000);
    }
    return snapshot;
  },
  judge(snapshot, vars) {
    const items: CheckItem[] = identityItems(snapshot);
    const { cluster, taskFamily } = vars;
    if (isNotFound(snapshot.running)) {
      items.push(withOtherRegions({ id: 'cluster', status: 'fail', label: { key: key('cluster.label'), params: { cluster } }, expected: cluster, actual: { key: 'value.not-found' }, hint: { key: key('cluster.hint') }, fix: `aws ecs create-cluster --region ${vars.region} --cluster-name ${cluster}` }, lesson, snapshot.foundIn, cluster, vars.region));
      return result(lesson, items, missingResource('cluster', snapshot.region, cluster));
    }
    if (isCaptured(snapshot.running)) return result(lesson, [...items, errorItem('ecs:ListTasks', snapshot.running)]);
    const task = snapshot.running[0];
    const label = { key: key('task.label'), params: { family: taskFamily } };
    if (!task) {
      if (snapshot.stopped && failedToLook(snapshot.stopped)) return result(lesson, [...items, errorItem('ecs:ListTasks', snapshot.stopped)]);
      const stopped = snapshot.stopped && !isCaptured(snapshot.stopped) ? snapshot.stopped[0] : undefined;
      if (stopped && diagnoseStoppedTask(stopped, vars, snapshot.exitLogs).failure) {
        items.push(stopItem('task', label, stopped, vars, snapshot.exitLogs, runTaskFix(cluster, taskFamily, vars.region, vars)));
      } else {
        items.push({ id: 'task', status: 'fail', label, expected: 'RUNNING', actual: { key: 'value.no-task' }, hint: { key: key('task.none') }, fix: runTaskFix(cluster, taskFamily, vars.region, vars) });
      }
      return result(lesson, items, missingResource('task', snapshot.region, taskFamily, taskFamily));
    }
    const taskId = taskIdOf(task.taskArn);
    if (isStarting(task)) {
      items.push({ id: 'task', status: 'pending', label, expected: 'RUNNING', actual: `${taskId}: ${task.lastStatus}`, hint: { key: key('task.starting') } });
      return result(lesson, items, taskResources([task], snapshot.region, taskFamily, { publicIp: true }));
    }
    items.push({ id: 'task', status: 'pass', label, actual: `${taskId}: ${task.lastStatus}` });
    if (snapshot.publicIp && failedToLook(snapshot.publicIp)) return result(lesson, [...items, errorItem('ec2:DescribeNetworkInterfaces', snapshot.publicIp)]);
    const ip = snapshot.publicIp && !isCaptured(snapshot.publicIp) ? snapshot.publicIp.publicIp : undefined;
    if (!ip) {
      items.push({
        id: 'public-ip', status: 'fail', label: { key: key('public-ip.label') }, expected: 'a public IPv4 address', actual: { key: 'value.none' },
        hint: { key: key('public-ip.hint') }, fix: `aws ecs stop-task --region ${vars.region} --cluster ${cluster} --task ${taskId} && ${runTaskFix(cluster, taskFamily, vars.region, vars)}`,
      });
      return result(lesson, items, taskResources([task], snapshot.region, taskFamily));
    }
    items.push({ id: 'public-ip', status: 'pass', label: { key: key('public-ip.label') }, actual: ip });
    items.push(httpItem(snapshot.http, task, snapshot.observedAt));
    return result(lesson, items, taskResources([task], snapshot.region, taskFamily, { publicIp: true }));
  },
});

function httpItem(http: HttpProbe | undefined, task: TaskView, observedAt: string): CheckItem {
  const label = { key: key('http.label'), params: { url: http?.url ?? '' } };
  if (http?.status === 200) return { id: 'http', status: 'pass', label, actual: 'HTTP 200' };
  const actual = http?.status !== undefined ? `HTTP ${http.status}` : (http?.error?.code ?? http?.error?.message ?? 'no answer');
  // An app needs a few seconds after RUNNING before it listens.
  const young = secondsBetween(task.startedAt ?? task.createdAt, observedAt) < 45;
  if (young && http?.status === undefined) return { id: 'http', status: 'pending', label, expected: 'HTTP 200', actual, hint: { key: key('http.booting') } };
  const hint = http?.status !== undefined ? 'http.status' : 'http.unreachable';
  return { id: 'http', status: 'fail', label, expected: 'HTTP 200', actual, hint: { key: key(hint) } };
}
