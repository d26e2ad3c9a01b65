/**
 * standalone-task/stopped: no task of the family started by hand is still running (it is billed
 * while it runs). The newest stopped one is shown, with its cause when it did not stop by hand.
 */
import { defineCheck, errorItem, identityItems, isCaptured, isNotFound, observeBase, result, taskIdOf, type BaseSnapshot, type CapturedError, type CheckItem } from '#check-kit';
import { familyGroup, listTasks, type TaskView } from './ecs-tasks.ts';
import { taskResources } from './ecs-tasks.ts';
import { runTaskFix } from './running.ts';
import { stopItem } from './stop-item.ts';
import { observeExitLogs, type ExitLogs } from './stopped-task-diagnosis.ts';
import { missingResource } from '#check-kit';

const lesson = 'standalone-task';
const key = (suffix: string) => `${lesson}.stopped.${suffix}`;

export interface StandaloneStoppedSnapshot extends BaseSnapshot {
  running: TaskView[] | CapturedError;
  stopped: TaskView[] | CapturedError;
  exitLogs?: ExitLogs[];
}

export default defineCheck<StandaloneStoppedSnapshot>({
  id: 'standalone-task/stopped',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ecs list-tasks --region {{region}} --cluster {{cluster}} --family {{taskFamily}} --desired-status RUNNING",
    "aws ecs describe-tasks --region {{region}} --cluster {{cluster}} --tasks $(aws ecs list-tasks --region {{region}} --cluster {{cluster}} --family {{taskFamily}} --desired-status STOPPED --query 'taskArns[0]' --output text) --query 'tasks[0].[lastStatus,stopCode,stoppedReason]'",
  ],
  async observe(ctx) {
    const { cluster, taskFamily } = ctx.vars;
    const base = await observeBase(ctx);
    const running = await listTasks(ctx, cluster, 'RUNNING', familyGroup(taskFamily));
    const stopped = await listTasks(ctx, cluster, 'STOPPED', familyGroup(taskFamily));
    const snapshot: StandaloneStoppedSnapshot = { ...base, running, stopped };
    const newest = isCaptured(stopped) ? undefined : stopped[0];
    const logs = newest && (await observeExitLogs(ctx, newest));
    if (logs) snapshot.exitLogs = [logs];
    return snapshot;
  },
  judge(snapshot, vars) {
    const items: CheckItem[] = identityItems(snapshot);
    const { cluster, taskFamily } = vars;
    // No task of the family runs: it and its public address are gone from the map and the cost.
    const gone = [...missingResource('task', snapshot.region, taskFamily, taskFamily), ...missingResource('public-ipv4', snapshot.region, `${taskFamily} IPv4`, taskFamily)];
    // No cluster means no task can run: nothing billable is left.
    if (isNotFound(snapshot.running)) {
      items.push({ id: 'none-running', status: 'pass', label: { key: key('none-running.label'), params: { family: taskFamily } }, actual: `cluster ${cluster} not found` });
      return result(lesson, items, gone);
    }
    for (const [call, value] of [['ecs:ListTasks RUNNING', snapshot.running], ['ecs:ListTasks STOPPED', snapshot.stopped]] as const) {
      if (isCaptured(value)) return result(lesson, [...items, errorItem(call, value)]);
    }
    const running = snapshot.running as TaskView[];
    const stopped = snapshot.stopped as TaskView[];
    const label = { key: key('none-running.label'), params: { family: taskFamily } };
    if (running.length) {
      const ids = running.map((t) => taskIdOf(t.taskArn));
      items.push({
        id: 'none-running', status: 'fail', label, expected: '0 running', actual: `${running.length} running: ${ids.join(', ')}`,
        hint: { key: key('none-running.hint') },
        fix: ids.map((id) => `aws ecs stop-task --region ${vars.region} --cluster ${cluster} --task ${id}`).join(' && '),
      });
      return result(lesson, items, taskResources(running, snapshot.region, taskFamily, { publicIp: true }));
    }
    const stopping = stopped.find((t) => t.lastStatus !== 'STOPPED');
    if (stopping) {
      items.push({ id: 'none-running', status: 'pending', label, expected: 'STOPPED', actual: `${taskIdOf(stopping.taskArn)}: ${stopping.lastStatus}`, hint: { key: key('stopping') } });
      return result(lesson, items, taskResources([stopping], snapshot.region, taskFamily));
    }
    items.push({ id: 'none-running', status: 'pass', label });
    const newest = stopped[0];
    if (!newest) {
      items.push({ id: 'stopped-task', status: 'warn', label: { key: key('stopped-task.label') }, actual: { key: 'value.none-listed' }, hint: { key: key('stopped-task.aged-out') } });
    } else if (newest.stopCode === 'UserInitiated' || !newest.stopCode) {
      items.push({ id: 'stopped-task', status: 'pass', label: { key: key('stopped-task.label') }, actual: `${taskIdOf(newest.taskArn)}: ${newest.stoppedReason ?? newest.stopCode ?? 'STOPPED'}` });
    } else {
      // It stopped, but not by hand: the running step would have failed. Explain, without failing this step.
      const item = stopItem('stopped-task', { key: key('stopped-task.label') }, newest, vars, snapshot.exitLogs, runTaskFix(cluster, taskFamily, vars.region, vars));
      items.push({ ...item, status: 'warn' });
    }
    return result(lesson, items, gone);
  },
});
