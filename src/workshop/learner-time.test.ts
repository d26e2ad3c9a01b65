import { describe, expect, it } from 'vitest';
import { learnerEndsAt, planTime } from './learner-time.ts';

const at = (minutes: number) => Date.parse('2026-11-28T10:00:00Z') + minutes * 60_000;

describe('whose time is up', () => {
  const deadlines = { workshop: at(60), own: new Map([['fay', at(90)], ['gus', at(30)]]) };

  it('ends a learner with the workshop, or at their own end when it is later', () => {
    expect(learnerEndsAt(deadlines, 'eve')).toBe(at(60));
    expect(learnerEndsAt(deadlines, 'fay')).toBe(at(90));
    // An own end the workshop's extension has overtaken counts no more.
    expect(learnerEndsAt(deadlines, 'gus')).toBe(at(60));
    expect(learnerEndsAt({ own: new Map() }, 'eve')).toBeUndefined();
  });

  it('keeps the workshop open past its end while a learner still has time, then ends it', () => {
    expect(planTime(deadlines, ['eve', 'fay', 'gus'], at(10))).toEqual({ due: [], workshopOver: false, next: at(60) });
    expect(planTime(deadlines, ['eve', 'fay', 'gus'], at(60))).toEqual({ due: ['eve', 'gus'], workshopOver: false, next: at(90) });
    expect(planTime(deadlines, ['eve', 'fay', 'gus'], at(90))).toEqual({ due: ['eve', 'fay', 'gus'], workshopOver: true });
    // Nobody given more time: the workshop ends at its own end.
    expect(planTime(deadlines, ['eve'], at(60)).workshopOver).toBe(true);
    expect(planTime({ own: new Map() }, ['eve'], at(600))).toEqual({ due: [], workshopOver: false });
  });
});
