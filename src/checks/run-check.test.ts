import { describe, expect, it } from 'vitest';
import { testVariables } from '../settings/learner-variables.ts';
import { capture, defineCheck, type CheckResult } from './check-contract.ts';
import { createCheckContext } from './check-context.ts';
import { evaluate, runCheck } from './run-check.ts';

const judged: CheckResult = { status: 'pass', summary: { key: 'x' }, items: [], resources: [] };

describe('runCheck', () => {
  it('ends a check that outlives its time with a timeout error, not a failure', async () => {
    const slow = defineCheck({ id: 'test/slow', observe: () => new Promise<never>(() => {}), judge: () => judged });
    const { ctx } = createCheckContext({ vars: testVariables(), timeoutMs: 200 });
    const run = await runCheck(slow, ctx, { timeoutMs: 200 });
    expect(run.result.status).toBe('error');
    expect(run.result.summary).toEqual({ key: 'check.error.timeout.summary', params: expect.objectContaining({ seconds: 0 }) });
    expect(run.durationMs).toBeLessThan(2000);
  });

  it('classifies an observer that throws, and never calls the judge then', async () => {
    let judgedCalls = 0;
    const throwing = defineCheck({ id: 'test/throws', observe: async () => { throw Object.assign(new Error('getaddrinfo ENOTFOUND ecs.ap-northeast-1.amazonaws.com'), { code: 'ENOTFOUND' }); }, judge: () => { judgedCalls++; return judged; } });
    const { ctx } = createCheckContext({ vars: testVariables() });
    const run = await runCheck(throwing, ctx);
    expect(run.result.summary.key).toBe('check.error.network.summary');
    expect(judgedCalls).toBe(0);
  });

  it('reports a bug in an observer as the workbook’s fault', async () => {
    const buggy = defineCheck({ id: 'test/bug', observe: async () => { throw new TypeError("Cannot read properties of undefined (reading 'x')"); }, judge: () => judged });
    const { ctx } = createCheckContext({ vars: testVariables() });
    expect((await runCheck(buggy, ctx)).result.summary.key).toBe('check.error.observe-failed.summary');
  });

  it('hands the judge a snapshot whose captured errors are only evidence (not found)', async () => {
    const check = defineCheck({
      id: 'test/not-found',
      observe: async () => ({ repo: await capture(Promise.reject(Object.assign(new Error('The repository does not exist'), { name: 'RepositoryNotFoundException', $metadata: { httpStatusCode: 400 } }))) }),
      judge: (snapshot) => ({ status: 'fail', summary: { key: 'y', params: { seen: JSON.stringify(snapshot) } }, items: [], resources: [] }),
    });
    const { ctx } = createCheckContext({ vars: testVariables() });
    const run = await runCheck(check, ctx);
    expect(run.result.status).toBe('fail');
    expect(run.snapshot).toEqual({ repo: { $error: { name: 'RepositoryNotFoundException', message: 'The repository does not exist', httpStatusCode: 400 } } });
  });

  it('evaluate() turns a judge that throws into an error result', () => {
    const check = defineCheck({ id: 'test/judge-bug', observe: async () => ({}), judge: () => { throw new Error('bad'); } });
    expect(evaluate(check, {}, testVariables()).summary.key).toBe('check.error.observe-failed.summary');
  });
});
