import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { courseChecks } from '../../checks/index.ts';
import { diagnoseClass, isStuck, type LearnerStep } from './class-diagnosis.ts';
import { diagnosisSentence, renderCommonItem } from './diagnosis-sentence.ts';

/** Results of seven learners at lesson 08 that no test room reaches at once: a fixture. */
const room = JSON.parse(readFileSync(new URL('./fixtures/service-room.fixture.json', import.meta.url), 'utf8')) as { now: string; learners: string[]; steps: string[]; cells: LearnerStep[] };
const minutes = (n: number) => n * 60_000;
const diagnose = (stuckAfterMinutes = 10) => diagnoseClass(room.cells, { steps: room.steps, learners: room.learners, now: new Date(room.now), stuckAfterMs: minutes(stuckAfterMinutes) });

describe('the class diagnosis', () => {
  it('counts every learner of the room once per step, and keeps mistakes apart from could-not-check', () => {
    const [running, healthy] = diagnose();
    expect(healthy).toMatchObject({ step: 'service/healthy-targets', total: 7, passed: 1, failing: 3, pending: 1, couldNotCheck: 1, notStarted: 1 });
    expect(running).toMatchObject({ step: 'service/running', total: 7, passed: 1, failing: 0, pending: 0, couldNotCheck: 1, notStarted: 5 });
    // A Check that could not look is never the room's "most common mistake".
    expect(running!.topFailing).toBeUndefined();
    expect(running!.topCouldNotCheck).toMatchObject({ key: 'check.error.no-credentials.label', count: 1 });
    expect(healthy!.topCouldNotCheck).toMatchObject({ key: 'check.error.no-credentials.label', count: 1 });
  });

  it('names the failing item most learners share, counting a learner once however many targets they have', () => {
    const healthy = diagnose()[1]!;
    // Ben has two unhealthy targets: still one learner. The count item is failing for two only.
    expect(healthy.topFailing).toMatchObject({ key: 'service.healthy-targets.target.label', count: 3, detail: 'unhealthy' });
    expect(healthy.topFailing!.example.fix).toContain('authorize-security-group-ingress');
  });

  it('calls stuck only those failing for longer than the threshold', () => {
    expect(diagnose(10)[1]!.stuck).toBe(2); // ana 25 min, ben 18 min; chie 3 min; dai is not failing but could not check
    expect(diagnose(20)[1]!.stuck).toBe(1);
    expect(diagnose(60)[1]!.stuck).toBe(0);
    expect(isStuck({ status: 'error', since: '2026-11-28T09:00:00.000Z' }, new Date(room.now), 1)).toBe(false);
  });

  it('leaves out results of learners who are not in the room', () => {
    const healthy = diagnoseClass(room.cells, { steps: room.steps, learners: ['ana', 'emi'], now: new Date(room.now), stuckAfterMs: minutes(10) })[1]!;
    expect(healthy).toMatchObject({ total: 2, passed: 1, failing: 1, couldNotCheck: 0, notStarted: 0, stuck: 1 });
  });

  it('says it in one sentence, in English and Japanese, with the hint and fix a click shows', async () => {
    const dictionaries = await courseChecks.dictionaries();
    const healthy = diagnose()[1]!;
    expect(diagnosisSentence(healthy, 'en', dictionaries)).toBe(
      "2 of 7 stuck at service/healthy-targets. Most common: ‘Target 10.0.1.5:3000 is healthy’ — 3 learners, ‘unhealthy’. 1 could not be checked (not their mistake): ‘AWS credentials are available to the workbook’.",
    );
    expect(diagnosisSentence(healthy, 'ja', dictionaries)).toBe(
      '7 人中 2 人が service/healthy-targets で行き詰まっています。いちばん多いのは「Target 10.0.1.5:3000 is healthy」です（3 人、「unhealthy」）。1 人は確認できませんでした（本人の誤りではありません）:「ワークブックが AWS の認証情報を使える」。'.replace('Target 10.0.1.5:3000 is healthy', dictionaries.ja['service.healthy-targets.target.label']!.replace('{target}', '10.0.1.5:3000')),
    );
    const explained = renderCommonItem(healthy.topFailing!, 'en', dictionaries);
    expect(explained.hint).toMatch(/^Target.Timeout: the health check got no answer/);
    expect(explained.fix).toContain('--port 3000');
    expect(diagnosisSentence(diagnose()[0]!, 'en', dictionaries)).toBe('1 of 7 passed service/running. 1 could not be checked (not their mistake): ‘AWS credentials are available to the workbook’.');
  });
});
