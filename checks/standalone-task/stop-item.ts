/**
 * A checklist item that explains a stopped task: the cause in words (`standalone-task.stop.<cause>`,
 * shared by every lesson that runs tasks) and the command that fixes it.
 */
import { type CheckItem, type LearnerVariables, type Message } from '#check-kit';
import type { TaskView } from './ecs-tasks.ts';
import { diagnoseStoppedTask, type ExitLogs } from './stopped-task-diagnosis.ts';

export function stopItem(
  id: string,
  label: Message,
  task: TaskView,
  vars: LearnerVariables,
  logs: ExitLogs[] | undefined,
  /** The fix for "no route to ECR", which depends on how the task was launched. */
  networkFix: string,
): CheckItem {
  const diagnosis = diagnoseStoppedTask(task, vars, logs);
  const fix = diagnosis.cause === 'no-route-to-ecr' ? networkFix : diagnosis.fix;
  return {
    id,
    status: diagnosis.failure ? 'fail' : 'warn',
    label,
    expected: 'RUNNING',
    actual: `STOPPED: ${diagnosis.evidence}`.slice(0, 400),
    hint: { key: `standalone-task.stop.${diagnosis.cause}`, params: diagnosis.params },
    ...(fix && { fix }),
  };
}
