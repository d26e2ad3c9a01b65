/**
 * The workshop's results as a table of learners × steps: each step's status, when it first passed
 * and how many times it was checked. Built by a pure function from the progress file's attempt
 * rows (read at the edge, `readAttemptRows`), so the room's download and `ecs-workbook workshop
 * export` give the same table.
 */
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';

export interface AttemptRow {
  learner: string;
  /** A step id, or `*` for a reset of every step. */
  step: string;
  status: 'pass' | 'fail' | 'pending' | 'error' | 'reset';
  at: string;
}

export const exportRowSchema = z
  .object({
    learner: z.string().describe('The learner\'s opaque id.'),
    name: z.string().describe('The learner\'s display name, or empty when the workshop does not know it.'),
    step: z.string().describe('The step id, e.g. "service/healthy-targets".'),
    status: z.enum(['pass', 'fail', 'pending', 'error', 'not-started']).describe('The step\'s status now: a pass stays a pass until reset; not-started when never checked since the last reset.'),
    firstPassAt: z.string().describe('ISO time of the step\'s first pass (ever, resets included), or empty.'),
    attempts: z.number().int().describe('How many times the step was checked (resets not counted).'),
  })
  .describe('One learner\'s result on one step.');
export type ExportRow = z.infer<typeof exportRowSchema>;

export const exportFormats = ['csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Every attempt and reset in the file, oldest first, without results or snapshots. */
export function readAttemptRows(db: DatabaseSync): AttemptRow[] {
  return (db.prepare('SELECT learner, step, status, at FROM attempts ORDER BY id').all() as Record<string, unknown>[]).map((row) => ({
    learner: String(row.learner),
    step: String(row.step),
    status: row.status as AttemptRow['status'],
    at: String(row.at),
  }));
}

/**
 * One row per learner and step, learners in the order given (then any others the file has) and
 * steps in course order (then steps the course no longer has). The status follows the store's rule.
 */
export function buildExport(rows: readonly AttemptRow[], options: { steps: readonly string[]; learners?: readonly string[]; nameOf?: (learner: string) => string | undefined }): ExportRow[] {
  const cells = new Map<string, Map<string, { status: ExportRow['status']; firstPassAt: string; attempts: number }>>();
  const learners = [...(options.learners ?? [])];
  const steps = [...options.steps];
  const cellsOf = (learner: string) => {
    let map = cells.get(learner);
    if (!map) {
      map = new Map();
      cells.set(learner, map);
      if (!learners.includes(learner)) learners.push(learner);
    }
    return map;
  };
  for (const row of rows) {
    const map = cellsOf(row.learner);
    if (row.status === 'reset') {
      for (const [step, cell] of map) if (row.step === '*' || row.step === step) cell.status = 'not-started';
      continue;
    }
    if (!steps.includes(row.step)) steps.push(row.step);
    const cell = map.get(row.step) ?? { status: 'not-started' as ExportRow['status'], firstPassAt: '', attempts: 0 };
    cell.attempts++;
    cell.status = cell.status === 'pass' ? 'pass' : row.status;
    if (row.status === 'pass' && !cell.firstPassAt) cell.firstPassAt = row.at;
    map.set(row.step, cell);
  }
  return learners.flatMap((learner) =>
    steps.map((step) => {
      const cell = cells.get(learner)?.get(step);
      return { learner, name: options.nameOf?.(learner) ?? '', step, status: cell?.status ?? 'not-started', firstPassAt: cell?.firstPassAt ?? '', attempts: cell?.attempts ?? 0 };
    }),
  );
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A leading =+-@ is
 * prefixed with ' so a spreadsheet does not run a display name as a formula. */
function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const columns = ['learner', 'name', 'step', 'status', 'firstPassAt', 'attempts'] as const;

export function formatExport(rows: readonly ExportRow[], format: ExportFormat, exportedAt = new Date().toISOString()): string {
  if (format === 'json') return `${JSON.stringify({ exportedAt, rows }, null, 2)}\n`;
  return [columns.join(','), ...rows.map((row) => columns.map((column) => csvField(row[column])).join(','))].join('\r\n') + '\r\n';
}
