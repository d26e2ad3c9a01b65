import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { course } from '../../lessons/course.ts';
import { openProgressStore } from '../progress/progress-store.ts';
import { workshopExportCommand } from './workshop-export-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'wb-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the command as `ecs-workbook workshop export …` would, with what it printed. */
function run(argv: string[]) {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(console, 'error').mockImplementation((text) => void (err += `${text}\n`));
  vi.spyOn(console, 'log').mockImplementation((text) => void (out += `${text}\n`));
  const code = workshopExportCommand(argv, {});
  vi.restoreAllMocks();
  return { code, out, err };
}

describe('ecs-workbook workshop export', () => {
  it('prints both learners’ rows from the workshop’s SQLite file, as CSV or JSON', () => {
    const store = openProgressStore(dir);
    const result = (status: 'pass' | 'fail') => ({ status, summary: { key: 'x' }, items: [], resources: [] });
    store.forLearner('l-ana').record({ step: 'setup/docker', result: result('fail'), snapshot: {}, source: 'cli', durationMs: 1 });
    store.forLearner('l-ana').record({ step: 'setup/docker', result: result('pass'), snapshot: {}, source: 'cli', durationMs: 1, at: '2026-11-28T09:00:00.000Z' });
    store.forLearner('l-ben').record({ step: 'setup/aws-identity', result: result('fail'), snapshot: {}, source: 'cli', durationMs: 1 });
    store.close();

    const csv = run(['--data-dir', dir]);
    expect(csv.code).toBe(0);
    const lines = csv.out.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 2 * course.stepIds().length);
    expect(lines).toContain('l-ana,,setup/docker,pass,2026-11-28T09:00:00.000Z,2');
    expect(lines).toContain('l-ben,,setup/aws-identity,fail,,1');

    const json = run([`--data-dir=${dir}`, '--format', 'json']);
    expect(json.code).toBe(0);
    const rows = (JSON.parse(json.out) as { rows: { learner: string }[] }).rows;
    expect(new Set(rows.map((row) => row.learner))).toEqual(new Set(['l-ana', 'l-ben']));
  });

  it('names the learners from the workshop’s learner directory, and lists one who joined but never checked', () => {
    const folder = mkdtempSync(join(tmpdir(), 'wb-export-names-'));
    openProgressStore(folder).close();
    // A learner who joined, as the workshop's roster writes them (the table comes with the store's migrations).
    const db = new DatabaseSync(join(folder, 'progress.sqlite'));
    db.prepare('INSERT INTO workshop_learners (id, display_name, joined_at, rejoin_hash) VALUES (?, ?, ?, ?)').run('l-cy', 'Cy Ōno', '2026-11-28T08:00:00Z', 'hash-of-cy');
    db.close();
    const { code, out } = run(['--data-dir', folder]);
    rmSync(folder, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(out).toContain('l-cy,Cy Ōno,setup/docker,not-started,,0');
  });

  it('says what to pass when the folder, the file or an option is wrong', () => {
    const missing = run(['--data-dir', join(dir, 'nowhere')]);
    expect(missing.code).toBe(3);
    expect(missing.err).toMatch(/No workshop progress file at .*nowhere.*Pass --data-dir with the folder the workshop used/);
    const other = mkdtempSync(join(tmpdir(), 'wb-export-other-'));
    writeFileSync(join(other, 'progress.sqlite'), '');
    const notOurs = run(['--data-dir', other]);
    expect(notOurs.code).toBe(3);
    expect(notOurs.err).toMatch(/is not a workbook progress file/);
    rmSync(other, { recursive: true, force: true });
    const format = run(['--format', 'xml']);
    expect(format.code).toBe(4);
    expect(format.err).toMatch(/--format must be csv or json, not "xml"/);
    expect(run(['--frmat', 'csv']).err).toMatch(/Unknown option "--frmat"/);
  });
});
