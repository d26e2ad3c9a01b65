/**
 * For suites that run step checks (observe → judge) against moto: starts moto for the file with the
 * default learner variables, resets it before each test, and runs a check as the CLI or the server
 * would. `http` replaces the HTTP probe (a test that must send no HTTP passes one that throws).
 *   const { vars, aws, run } = checksAgainstMoto();
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createAwsClients } from '../../src/checks/aws-clients.ts';
import { createCheckContext } from '../../src/checks/check-context.ts';
import type { CheckContext, CheckDefinition } from '../../src/checks/check-contract.ts';
import { runCheck } from '../../src/checks/run-check.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';
import { startMoto, type Moto } from './moto.ts';

export function checksAgainstMoto(options: { http?: CheckContext['http'] } = {}) {
  const vars = testVariables();
  let moto: Moto | undefined;
  beforeAll(async () => {
    moto = await startMoto({ region: vars.region });
    Object.assign(process.env, moto.env);
  }, 60_000);
  beforeEach(async () => {
    await moto!.reset();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  return {
    vars,
    /** SDK clients for making state in any region, failing fast. */
    aws: (region: string) => createAwsClients({ region, maxAttempts: 1 }),
    async run<T>(check: CheckDefinition<T>) {
      const owned = createCheckContext({ vars, maxAttempts: 1, ...(options.http && { http: options.http }) });
      try {
        return (await runCheck(check, owned.ctx)).result;
      } finally {
        owned.dispose();
      }
    },
  };
}
