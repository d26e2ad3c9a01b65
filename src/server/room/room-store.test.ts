import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openProgressStore } from '../../progress/progress-store.ts';
import { armWorkshopDeadline, openRoomStore, workshopScope } from './room-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'wb-room-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the room store', () => {
  it('keeps one open hand per learner, and a queue in the order hands went up', () => {
    const progress = openProgressStore(dir);
    const room = openRoomStore(progress.file);
    const first = room.raiseHand({ learner: 'a', source: 'button', screen: '' });
    expect(first.raised).toBe(true);
    expect(room.raiseHand({ learner: 'a', source: 'terminal', screen: 'x' })).toEqual({ hand: first.hand, raised: false });
    room.raiseHand({ learner: 'b', source: 'terminal', screen: '$ ls' });
    expect(room.queue().map((hand) => hand.learner)).toEqual(['a', 'b']);
    room.setHandStatus(first.hand.id, 'resolved');
    expect(room.queue().map((hand) => hand.learner)).toEqual(['b']);
    // Resolved, the learner may ask again: a new hand, at the end of the queue.
    expect(room.raiseHand({ learner: 'a', source: 'button', screen: '' }).raised).toBe(true);
    expect(room.queue().map((hand) => hand.learner)).toEqual(['b', 'a']);
    room.close();
    progress.close();
  });

  it('arms the workshop deadline once: a restart keeps the stored one, extensions included', () => {
    const progress = openProgressStore(dir);
    const room = openRoomStore(progress.file);
    const start = Date.parse('2026-11-28T09:00:00Z');
    expect(armWorkshopDeadline(room, 4 * 3600_000, start)).toBe('2026-11-28T13:00:00.000Z');
    room.setDeadline(workshopScope, '2026-11-28T13:30:00.000Z');
    room.close();
    const again = openRoomStore(progress.file);
    expect(armWorkshopDeadline(again, 4 * 3600_000, start + 3600_000)).toBe('2026-11-28T13:30:00.000Z');
    again.close();
    progress.close();
  });
});
