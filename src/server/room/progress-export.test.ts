import { describe, expect, it } from 'vitest';
import { buildExport, formatExport, type AttemptRow } from './progress-export.ts';

const row = (learner: string, step: string, status: AttemptRow['status'], at: string): AttemptRow => ({ learner, step, status, at });

describe('the learners × steps export', () => {
  const rows = [
    row('ana', 'a/one', 'fail', 't1'),
    row('ana', 'a/one', 'pass', 't2'),
    row('ana', 'a/one', 'fail', 't3'),
    row('ben', 'a/two', 'pending', 't4'),
    row('ana', 'a/two', 'error', 't5'),
    row('ben', '*', 'reset', 't6'),
    row('ana', 'a/two', 'reset', 't7'),
  ];
  const table = buildExport(rows, { steps: ['a/one', 'a/two'], learners: ['cy', 'ana'], nameOf: (id) => (id === 'ana' ? 'Ana' : undefined) });

  it('keeps a pass until reset, counts every check, and keeps the first pass through a reset', () => {
    expect(table).toEqual([
      { learner: 'cy', name: '', step: 'a/one', status: 'not-started', firstPassAt: '', attempts: 0 },
      { learner: 'cy', name: '', step: 'a/two', status: 'not-started', firstPassAt: '', attempts: 0 },
      { learner: 'ana', name: 'Ana', step: 'a/one', status: 'pass', firstPassAt: 't2', attempts: 3 },
      { learner: 'ana', name: 'Ana', step: 'a/two', status: 'not-started', firstPassAt: '', attempts: 1 },
      { learner: 'ben', name: '', step: 'a/one', status: 'not-started', firstPassAt: '', attempts: 0 },
      { learner: 'ben', name: '', step: 'a/two', status: 'not-started', firstPassAt: '', attempts: 1 },
    ]);
  });

  it('lists a step the course no longer has after the course’s own', () => {
    expect(buildExport([row('ana', 'old/step', 'pass', 't')], { steps: ['a/one'] }).map((cell) => cell.step)).toEqual(['a/one', 'old/step']);
  });

  it('writes CSV a spreadsheet opens safely, and JSON with the time of export', () => {
    const csv = formatExport([{ learner: 'x', name: '=HYPERLINK("evil")', step: 's', status: 'pass', firstPassAt: '', attempts: 1 }], 'csv');
    expect(csv).toBe('learner,name,step,status,firstPassAt,attempts\r\nx,"\'=HYPERLINK(""evil"")",s,pass,,1\r\n');
    expect(JSON.parse(formatExport(table, 'json', 'now'))).toEqual({ exportedAt: 'now', rows: table });
  });
});
