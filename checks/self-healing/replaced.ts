/**
 * self-healing/replaced: a task of the service was stopped by hand (stopCode UserInitiated,
 * never matched on stoppedReason, which holds the learner's own text), a newer task of the same
 * service runs, and running == desired again.
 */
import { defineCheck, errorItem, failedToLook, identityItems, isCaptured, observeBase, result, secondsBetween, taskIdOf, type BaseSnapshot, type CapturedError, type CheckItem } from '#check-kit';
import { isStarting, listTasks, serviceGroup, type TaskView } from '../standalone-task/ecs-tasks.ts';
import { activeService, observeService, type ServiceObservation } from '../service/service-state.ts';
import { serviceTaskResources } from '../service/service-state.ts';

const lesson = 'self-healing';
const key = (suffix: string) => `${lesson}.replaced.${suffix}`;

export interface ReplacedSnapshot extends BaseSnapshot {
  service: ServiceObservation;
  running: TaskView[] | CapturedError;
  stopped: TaskView[] | CapturedError;
}

/** How long a replacement may take before its absence is a failure rather than "not yet". */
const replacementGraceSeconds = 180;

export default defineCheck<ReplacedSnapshot>({
  id: 'self-healing/replaced',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ecs list-tasks --region {{region}} --cluster {{cluster}} --service-name {{service}} --desired-status STOPPED",
    "aws ecs describe-services --region {{region}} --cluster {{cluster}} --services {{service}} --query 'services[0].events[:5].[createdAt,message]' --output text",
  ],
  async observe(ctx) {
    const { cluster, service } = ctx.vars;
    const [base, serviceObservation, running, stopped] = await Promise.all([
      observeBase(ctx),
      observeService(ctx, cluster, service),
      listTasks(ctx, cluster, 'RUNNING', serviceGroup(service)),
      listTasks(ctx, cluster, 'STOPPED', serviceGroup(service)),
    ]);
    return { ...base, service: serviceObservation, running, stopped };
  },
  judge(snapshot, vars) {
    const items: CheckItem[] = identityItems(snapshot);
    // What this check saw, on every status (nothing when a read failed: then it knows nothing).
    const seen = serviceTaskResources(snapshot.service, snapshot.running, snapshot.region, vars.service);
    for (const [call, value] of [['ecs:DescribeServices', snapshot.service], ['ecs:ListTasks RUNNING', snapshot.running], ['ecs:ListTasks STOPPED', snapshot.stopped]] as const) {
      if (failedToLook(value)) return result(lesson, [...items, errorItem(call, value)]);
    }
    const service = activeService(snapshot.service);
    if (!service || isCaptured(snapshot.running) || isCaptured(snapshot.stopped)) {
      items.push({ id: 'service', status: 'fail', label: { key: key('service.label'), params: { service: vars.service } }, expected: 'ACTIVE', actual: { key: 'value.not-found' }, hint: { key: key('service.missing') } });
      return result(lesson, items, seen);
    }
    const running = snapshot.running;
    const since = snapshot.lessonStartedAt ?? '';
    const stopTime = (t: TaskView) => t.stoppingAt ?? t.stoppedAt ?? '';
    const byHand = snapshot.stopped.filter((t) => t.stopCode === 'UserInitiated' && stopTime(t) >= since).sort((a, b) => stopTime(b).localeCompare(stopTime(a)));
    const stopLabel = { key: key('stopped.label') };
    const example = running.find((t) => t.lastStatus === 'RUNNING');
    const old = byHand[0];
    if (!old) {
      // Stopped tasks age out of ListTasks after about an hour; the events still tell the story.
      const restarted = since && service.events.some((e) => (e.createdAt ?? '') >= since && /has started \d+ tasks?/i.test(e.message ?? '')) &&
        running.some((t) => (t.createdAt ?? '') >= since);
      if (restarted && service.runningCount === service.desiredCount) {
        items.push({ id: 'stopped', status: 'warn', label: stopLabel, actual: { key: 'value.aged-out' }, hint: { key: key('stopped.aged-out') } });
        items.push({ id: 'replacement', status: 'pass', label: { key: key('replacement.label') } });
        return result(lesson, items, seen);
      }
      const scheduler = snapshot.stopped.find((t) => t.stopCode === 'ServiceSchedulerInitiated' && stopTime(t) >= since);
      items.push({
        id: 'stopped', status: 'fail', label: stopLabel, expected: 'a task of the service stopped with stopCode UserInitiated',
        actual: scheduler ? `${taskIdOf(scheduler.taskArn)}: ServiceSchedulerInitiated` : { key: 'value.none' },
        hint: { key: key(scheduler ? 'stopped.scheduler' : 'stopped.none') },
        ...(example && { fix: `aws ecs stop-task --region ${vars.region} --cluster ${vars.cluster} --task ${taskIdOf(example.taskArn)} --reason "Testing self-healing"` }),
      });
      return result(lesson, items, seen);
    }
    items.push({ id: 'stopped', status: 'pass', label: stopLabel, actual: `${taskIdOf(old.taskArn)} (${stopTime(old)})` });
    const newer = running.filter((t) => (t.createdAt ?? '') > stopTime(old));
    const replacementLabel = { key: key('replacement.label') };
    const up = newer.find((t) => t.lastStatus === 'RUNNING');
    const starting = newer.find(isStarting);
    if (up) items.push({ id: 'replacement', status: 'pass', label: replacementLabel, actual: `${taskIdOf(up.taskArn)} (${up.createdAt})` });
    else if (starting) items.push({ id: 'replacement', status: 'pending', label: replacementLabel, expected: 'RUNNING', actual: `${taskIdOf(starting.taskArn)}: ${starting.lastStatus}`, hint: { key: key('replacement.starting') } });
    else {
      const waited = secondsBetween(stopTime(old), snapshot.observedAt);
      items.push({
        id: 'replacement', status: waited < replacementGraceSeconds ? 'pending' : 'fail', label: replacementLabel, expected: 'a newer RUNNING task of the service', actual: { key: 'value.none-yet' },
        hint: { key: key(waited < replacementGraceSeconds ? 'replacement.not-yet' : 'replacement.none') },
      });
    }
    const countLabel = { key: key('count.label') };
    const countText = `desired ${service.desiredCount}, running ${service.runningCount}`;
    items.push(service.runningCount === service.desiredCount
      ? { id: 'count', status: 'pass', label: countLabel, actual: countText }
      : { id: 'count', status: 'pending', label: countLabel, expected: `running ${service.desiredCount}`, actual: countText, hint: { key: key('count.hint') } });
    return result(lesson, items, seen);
  },
});
