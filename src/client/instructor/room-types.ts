/** What /api/instructor/room and /api/instructor/learners/<id> answer (src/instructor/instructor-feature.ts). */
import type { RoomStrings } from '../../components/instructor/room-strings.ts';

export type CellStatus = 'not-started' | 'pass' | 'fail' | 'pending' | 'error';

export interface RoomCell {
  status: CellStatus;
  since?: string;
  attempts: number;
  at?: string;
  stuck: boolean;
}

export interface RenderedCommonItem {
  key: string;
  count: number;
  label: string;
  detail?: string;
  hint?: string;
  fix?: string;
  details?: string;
}

export interface StepDiagnosis {
  step: string;
  total: number;
  passed: number;
  failing: number;
  pending: number;
  couldNotCheck: number;
  notStarted: number;
  stuck: number;
  sentence: string;
  topFailing?: RenderedCommonItem;
  topCouldNotCheck?: RenderedCommonItem;
}

export interface RoomLearner {
  id: string;
  name: string;
  /** Raised hands plug in here: the filter "only raised hands" reads it. */
  hand: boolean;
  control: 'none' | 'requested' | 'active';
}

export interface Room {
  now: string;
  stuckAfterMinutes: number;
  steps: { id: string; lesson: string }[];
  learners: RoomLearner[];
  cells: Record<string, Record<string, RoomCell>>;
  diagnosis: StepDiagnosis[];
}

export interface StepInfo {
  id: string;
  title: string;
  /** 1-based place in its lesson. */
  index: number;
  lesson: string;
  lessonTitle: string;
}

export interface RoomConfig {
  lang: 'en' | 'ja';
  secret: string;
  steps: StepInfo[];
  strings: RoomStrings;
}

export interface ControlState {
  state: 'none' | 'requested' | 'active';
  instructor?: string;
  since?: string;
  last?: 'declined' | 'ended-by-learner' | 'ended-by-instructor' | 'cancelled' | 'learner-left';
}

/** Fills `{name}` in one of the room's strings. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
