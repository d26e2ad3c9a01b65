/**
 * Where a check's observe runs, under the check service (which picks the learner's variables
 * before and records the result after). Solo mode runs it in this process, against this machine:
 * `inProcessRunner`. In a workshop a runner runs it inside the learner's sandbox instead, where
 * their files, Docker engine and credentials are, by executing
 * `ecs-workbook check <step> --json --no-record` there; the server records what comes back.
 */
import type { LearnerVariables } from './check-contract.ts';
import { createCheckContext } from './check-context.ts';
import type { AnyCheck } from './check-registry.ts';
import { runCheck, type CheckRun } from './run-check.ts';

export interface CheckRunRequest {
  check: AnyCheck;
  vars: LearnerVariables;
  /** When the learner started the step's lesson, if before this run. */
  lessonStartedAt?: string;
  /** The check's time limit, as the learner is told it. */
  timeoutMs: number;
  /** What is left of it when observe starts (the identity lookup may have used some); default all. */
  remainingMs?: number;
}

export interface CheckRunner {
  /** Observes and judges; never records. */
  run(request: CheckRunRequest): Promise<CheckRun>;
  /**
   * Who the learner is in AWS, asked where their credentials are (a workshop: inside their
   * sandbox, so the server never holds them). Absent: the service asks STS itself, here.
   */
  identity?(timeoutMs: number): Promise<{ accountId: string; arn: string } | undefined>;
}

/** Runs the check here: the learner's world is this machine, and `env` is the learner's environment. */
export function inProcessRunner(env: NodeJS.ProcessEnv = process.env): CheckRunner {
  return {
    async run({ check, vars, lessonStartedAt, timeoutMs, remainingMs }) {
      const owned = createCheckContext({ vars, ...(lessonStartedAt && { lessonStartedAt }), timeoutMs: remainingMs ?? timeoutMs, env });
      try {
        return await runCheck(check, owned.ctx, { env, timeoutMs });
      } finally {
        owned.dispose();
      }
    },
  };
}
