/** The room's words for its browser code, in the page's language (all from src/i18n). */
import type { MessageKey, MessageParams } from '../../i18n/translate.ts';

const keys = [
  'room.live.connecting', 'room.live.live', 'room.live.reconnecting', 'room.refresh-failed',
  'room.grid.caption', 'room.grid.learner', 'room.grid.passed', 'room.grid.empty', 'room.grid.none-match',
  'room.cell.stuck', 'room.cell.attempts', 'room.hand', 'room.stuck-after',
  'room.diagnosis.counts', 'room.diagnosis.explain', 'room.diagnosis.mistake', 'room.diagnosis.could-not-check',
  'room.diagnosis.hint', 'room.diagnosis.fix', 'room.diagnosis.found',
  'room.learner.close', 'room.learner.results', 'room.learner.none', 'room.learner.terminal', 'room.learner.terminal-controlled',
  'room.learner.terminal-none', 'room.learner.terminal-connecting', 'room.learner.terminal-watching',
  'room.control.request', 'room.control.requested', 'room.control.active', 'room.control.declined', 'room.control.ended', 'room.control.end', 'room.control.cancel',
  'step.status.not-started', 'step.status.pass', 'step.status.fail', 'step.status.pending', 'step.status.error',
  'check.item.pass', 'check.item.fail', 'check.item.pending', 'check.item.error', 'check.item.warn',
] as const satisfies readonly MessageKey[];

export type RoomStringKey = (typeof keys)[number];
export type RoomStrings = Record<RoomStringKey, string>;

export function roomStrings(t: (key: MessageKey, params?: MessageParams) => string): RoomStrings {
  return Object.fromEntries(keys.map((key) => [key, t(key)])) as RoomStrings;
}
