/**
 * self-healing/scaled-out: the service wants at least 3 tasks, runs them, and the target group has
 * as many healthy targets. Spreading over two AZs is worth knowing, not required. A service already
 * scaled back to 2 passes when ECS still shows that three tasks ran together after the lesson began
 * and the service reached a steady state with them (scale-out-evidence.ts).
 */
import { defineCheck, failedToLook, isCaptured, result, type CapturedError, type CheckItem } from '#check-kit';
import { listTasks, serviceGroup, type TaskView } from '../standalone-task/ecs-tasks.ts';
import { activeService } from '../service/service-state.ts';
import { judgeHealthyTargets, observeHealthyTargets, type HealthyTargetsSnapshot } from '../service/healthy-targets.ts';
import { healthyTargetsResources } from '../service/healthy-targets.ts';
import { earlierScaleOut } from './scale-out-evidence.ts';

export interface ScaledOutSnapshot extends HealthyTargetsSnapshot {
  /** The service's stopped tasks, read when it wants fewer than 3: the evidence of an earlier scale-out. */
  stopped?: TaskView[] | CapturedError;
}

const lesson = 'self-healing';
const key = (suffix: string) => `${lesson}.scaled-out.${suffix}`;

export default defineCheck<ScaledOutSnapshot>({
  id: 'self-healing/scaled-out',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ecs describe-services --region {{region}} --cluster {{cluster}} --services {{service}} --query 'services[0].[desiredCount,runningCount,pendingCount]'",
    "aws elbv2 describe-target-health --region {{region}} --target-group-arn $(aws elbv2 describe-target-groups --region {{region}} --names {{targetGroup}} --query 'TargetGroups[0].TargetGroupArn' --output text) --query 'TargetHealthDescriptions[].[Target.Id,TargetHealth.State]' --output table",
  ],
  async observe(ctx) {
    const snapshot: ScaledOutSnapshot = await observeHealthyTargets(ctx, ctx.vars);
    const service = activeService(snapshot.service);
    if (service && (service.desiredCount ?? 0) < 3) snapshot.stopped = await listTasks(ctx, ctx.vars.cluster, 'STOPPED', serviceGroup(ctx.vars.service));
    return snapshot;
  },
  judge(snapshot, vars) {
    const service = activeService(snapshot.service);
    const items: CheckItem[] = [];
    if (service && (service.desiredCount ?? 0) < 3 && !failedToLook(snapshot.stopped) && !failedToLook(snapshot.tasks)) {
      const tasks = [...(snapshot.tasks && !isCaptured(snapshot.tasks) ? snapshot.tasks : []), ...(snapshot.stopped && !isCaptured(snapshot.stopped) ? snapshot.stopped : [])];
      const earlier = earlierScaleOut(tasks, service.events ?? [], snapshot.observedAt, snapshot.lessonStartedAt);
      if (earlier) {
        return result(lesson, [{
          id: 'desired', status: 'pass', label: { key: key('desired.label') },
          actual: `desired ${service.desiredCount} now (scaled back); 3 tasks ran together from ${earlier.from} to ${earlier.until}, and the service was steady with them at ${earlier.steadyAt}`,
        }], healthyTargetsResources(snapshot, vars));
      }
    }
    if (service) {
      const desired = service.desiredCount ?? 0;
      const fix = `aws ecs update-service --region ${vars.region} --cluster ${vars.cluster} --service ${vars.service} --desired-count 3`;
      const countText = `desired ${desired}, running ${service.runningCount}, pending ${service.pendingCount}`;
      if (desired < 3) items.push({ id: 'desired', status: 'fail', label: { key: key('desired.label') }, expected: { key: 'value.desired-3' }, actual: countText, hint: { key: key('desired.hint') }, fix });
      else {
        items.push({ id: 'desired', status: 'pass', label: { key: key('desired.label') }, actual: `desired ${desired}` });
        items.push(service.runningCount === desired
          ? { id: 'running', status: 'pass', label: { key: key('running.label') }, actual: countText }
          : { id: 'running', status: 'pending', label: { key: key('running.label') }, expected: `running ${desired}`, actual: countText, hint: { key: key('running.hint') } });
      }
      const tasks = snapshot.tasks && !isCaptured(snapshot.tasks) ? snapshot.tasks : [];
      const zones = new Set(tasks.map((t) => t.availabilityZone).filter(Boolean));
      if (tasks.length >= 3 && zones.size === 1) items.push({ id: 'zones', status: 'warn', label: { key: key('zones.label') }, actual: [...zones].join(', '), hint: { key: key('zones.hint') } });
    }
    // Only count targets once the service wants 3: healthy targets for 2 would say nothing.
    const targetChecks = judgeHealthyTargets(snapshot, vars, 3);
    return result(lesson, service && (service.desiredCount ?? 0) < 3 ? [...targetChecks.filter((i) => i.status === 'error' || i.id === 'service'), ...items] : [...items, ...targetChecks], healthyTargetsResources(snapshot, vars));
  },
});
