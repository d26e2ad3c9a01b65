/**
 * "Take control": an instructor may type in a learner's terminal only while a grant lives that the
 * learner accepted in their own browser. The instructor asks; the learner allows or declines; either
 * side may end it; it also ends when the learner's last page closes (nobody is there to see the
 * banner). Every step is appended to a log in the data folder, so it is on record afterwards.
 *
 * The terminal asks `mayControl` on every keystroke, so an ended grant stops the next key.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Principal } from '../shared/principal.ts';

export const controlStateSchema = z
  .object({
    state: z.enum(['none', 'requested', 'active']).describe('none: the instructor may only watch; requested: waiting for the learner; active: the learner allowed it.'),
    instructor: z.string().optional().describe('The instructor who asked or holds it.'),
    since: z.string().optional().describe('ISO time of the request, or of the learner\'s acceptance.'),
    last: z.enum(['declined', 'ended-by-learner', 'ended-by-instructor', 'cancelled', 'learner-left']).optional().describe('How the previous grant or request ended, for the instructor\'s screen.'),
  })
  .describe('Where one learner\'s terminal stands between watching and being controlled.');
export type ControlState = z.infer<typeof controlStateSchema>;

export const controlLogFile = 'instructor-control.log';

export interface ControlGrants {
  stateOf(learner: string): ControlState;
  request(instructor: string, learner: string): ControlState;
  /** The learner's answer; false when nothing was asked. */
  answer(learner: string, accept: boolean): boolean;
  /** Ends a request or a grant; `by` says whose decision it was. */
  end(learner: string, by: 'learner' | 'instructor'): boolean;
  /** The learner's pages: a grant needs one open to be live. */
  learnerPageOpened(learner: string): () => void;
  /** The terminal's question, on every keystroke of a tab watching someone else's session. */
  mayControl(principal: Principal, sessionKey: string): boolean;
  /** Called with the learner whose state changed. */
  onChange(listener: (learner: string, state: ControlState) => void): () => void;
}

export function createControlGrants(options: { dataDir: string; now?: () => Date; log?: (line: string) => void }): ControlGrants {
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const states = new Map<string, ControlState>();
  const pages = new Map<string, number>();
  const listeners = new Set<(learner: string, state: ControlState) => void>();
  const record = (event: string, learner: string, instructor: string | undefined) => {
    const line = JSON.stringify({ at: now(), event, learner, ...(instructor && { instructor }) });
    try {
      appendFileSync(join(options.dataDir, controlLogFile), `${line}\n`, { mode: 0o600 });
    } catch (error) {
      console.error(`Could not record take-control in ${join(options.dataDir, controlLogFile)}: ${(error as Error).message}`);
    }
    options.log?.(line);
  };
  const set = (learner: string, state: ControlState) => {
    states.set(learner, state);
    for (const listener of listeners) listener(learner, state);
  };
  const stateOf = (learner: string): ControlState => states.get(learner) ?? { state: 'none' };

  return {
    stateOf,
    request(instructor, learner) {
      const current = stateOf(learner);
      if (current.state !== 'none') return current;
      record('requested', learner, instructor);
      set(learner, { state: 'requested', instructor, since: now() });
      return stateOf(learner);
    },
    answer(learner, accept) {
      const current = stateOf(learner);
      if (current.state !== 'requested') return false;
      record(accept ? 'accepted' : 'declined', learner, current.instructor);
      set(learner, accept ? { state: 'active', instructor: current.instructor, since: now() } : { state: 'none', last: 'declined' });
      return true;
    },
    end(learner, by) {
      const current = stateOf(learner);
      if (current.state === 'none') return false;
      const how = current.state === 'requested' && by === 'instructor' ? 'cancelled' : by === 'learner' ? 'ended-by-learner' : 'ended-by-instructor';
      record(how, learner, current.instructor);
      set(learner, { state: 'none', last: how });
      return true;
    },
    learnerPageOpened(learner) {
      pages.set(learner, (pages.get(learner) ?? 0) + 1);
      let closed = false;
      return () => {
        if (closed) return;
        closed = true;
        const left = (pages.get(learner) ?? 1) - 1;
        if (left > 0) {
          pages.set(learner, left);
          return;
        }
        pages.delete(learner);
        const current = stateOf(learner);
        if (current.state === 'none') return;
        record('learner-left', learner, current.instructor);
        set(learner, { state: 'none', last: 'learner-left' });
      };
    },
    mayControl(principal, sessionKey) {
      const current = states.get(sessionKey);
      return principal.kind === 'instructor' && current?.state === 'active' && current.instructor === principal.id && (pages.get(sessionKey) ?? 0) > 0;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
