/**
 * The class diagnosis: for each step, how the room stands (passed, failing, pending, could not
 * check, not started), who is stuck, and the failing item most learners share, with the hint and
 * fix its Check gives. Pure: it reads the learners' latest results and the time, nothing else.
 *
 * A learner's mistake (`fail`) and a Check that could not look (`error`: credentials, region,
 * network) are counted apart, and their top items too: the first is for the instructor to explain,
 * the second usually for the instructor to fix in the room's setup.
 */
import { z } from 'zod';
import type { CheckItem, CheckResult, Message } from '../checks/check-contract.ts';
import type { StepStatus } from '../progress/step-status.ts';

export const learnerStepSchema = z
  .object({
    learner: z.string().describe('The learner id.'),
    step: z.string().describe('The step id, `lesson/step`.'),
    status: z.enum(['not-started', 'pass', 'fail', 'pending', 'error']).describe('The step\'s current status, as the learner sees it.'),
    since: z.string().optional().describe('ISO time the step has had this status since (the first attempt of the current run of it).'),
    attempts: z.number().int().nonnegative().describe('Checks run on this step since its last reset.'),
    at: z.string().optional().describe('ISO time of the latest attempt.'),
    result: z.custom<CheckResult>().optional().describe('The latest attempt\'s result, with its items and hints.'),
  })
  .describe('One learner\'s standing on one step: a cell of the room\'s grid.');
export type LearnerStep = z.infer<typeof learnerStepSchema>;

export interface CommonItem {
  /** The item's label message key: the same check item for every learner, whatever its parameters. */
  key: string;
  /** One learner's item, as an example: its label, hint, fix and actual value. */
  example: CheckItem;
  /** Learners whose latest result has this item not passing. */
  count: number;
  /** The most common `actual` (what was found) among them, or else the most common hint. */
  detail?: string | Message;
}

export interface StepDiagnosis {
  step: string;
  /** Every learner in the room, whether or not they reached this step. */
  total: number;
  passed: number;
  failing: number;
  pending: number;
  couldNotCheck: number;
  notStarted: number;
  /** Failing for longer than the stuck threshold. */
  stuck: number;
  /** Among failing learners: their most common failing item (a mistake to explain to the room). */
  topFailing?: CommonItem;
  /** Among learners whose Check could not look: the most common reason (usually the room's setup). */
  topCouldNotCheck?: CommonItem;
}

export interface DiagnosisOptions {
  /** Step ids in course order; the diagnosis has one entry each. */
  steps: string[];
  /** Learner ids in the room; a learner with no row for a step has not started it. */
  learners: string[];
  now: Date;
  /** Failing for longer than this counts as stuck. */
  stuckAfterMs: number;
}

/** Whether this cell counts as stuck: failing, and for longer than the threshold. */
export function isStuck(cell: Pick<LearnerStep, 'status' | 'since'>, now: Date, stuckAfterMs: number): boolean {
  if (cell.status !== 'fail' || !cell.since) return false;
  return now.getTime() - Date.parse(cell.since) > stuckAfterMs;
}

const messageKey = (value: string | Message | undefined) => (value === undefined ? '' : typeof value === 'string' ? `=${value}` : `${value.key}:${JSON.stringify(value.params ?? {})}`);

/** Tallies the items with `status` across results: one count per learner per item key. */
function mostCommon(cells: LearnerStep[], status: 'fail' | 'error'): CommonItem | undefined {
  const groups = new Map<string, { example: CheckItem; learners: Set<string>; details: Map<string, { value: string | Message; count: number }> }>();
  for (const cell of cells) {
    for (const item of cell.result?.items ?? []) {
      if (item.status !== status) continue;
      const key = item.label.key;
      const group = groups.get(key) ?? { example: item, learners: new Set<string>(), details: new Map() };
      groups.set(key, group);
      if (group.learners.has(cell.learner)) continue;
      group.learners.add(cell.learner);
      const detail = item.actual ?? item.hint;
      if (detail !== undefined) {
        const entry = group.details.get(messageKey(detail)) ?? { value: detail, count: 0 };
        entry.count += 1;
        group.details.set(messageKey(detail), entry);
      }
    }
  }
  let best: CommonItem | undefined;
  for (const [key, group] of groups) {
    // Ties go to the item met first, which is the order the Check lists them: the earlier cause.
    if (best && group.learners.size <= best.count) continue;
    const detail = [...group.details.values()].sort((a, b) => b.count - a.count)[0]?.value;
    best = { key, example: group.example, count: group.learners.size, ...(detail !== undefined && { detail }) };
  }
  return best;
}

export function diagnoseClass(cells: LearnerStep[], options: DiagnosisOptions): StepDiagnosis[] {
  const inRoom = new Set(options.learners);
  const byStep = new Map<string, LearnerStep[]>();
  for (const cell of cells) {
    if (!inRoom.has(cell.learner)) continue;
    byStep.set(cell.step, [...(byStep.get(cell.step) ?? []), cell]);
  }
  return options.steps.map((step) => {
    const rows = byStep.get(step) ?? [];
    const count = (status: StepStatus) => rows.filter((row) => row.status === status).length;
    const failingRows = rows.filter((row) => row.status === 'fail');
    const errorRows = rows.filter((row) => row.status === 'error');
    const started = rows.filter((row) => row.status !== 'not-started').length;
    const topFailing = mostCommon(failingRows, 'fail');
    const topCouldNotCheck = mostCommon(errorRows, 'error');
    return {
      step,
      total: inRoom.size,
      passed: count('pass'),
      failing: failingRows.length,
      pending: count('pending'),
      couldNotCheck: errorRows.length,
      notStarted: inRoom.size - started,
      stuck: rows.filter((row) => isStuck(row, options.now, options.stuckAfterMs)).length,
      ...(topFailing && { topFailing }),
      ...(topCouldNotCheck && { topCouldNotCheck }),
    };
  });
}
