/**
 * The room's one source of data for every panel: it reads /api/instructor/room, reads it again
 * shortly after any learner's progress changes (/api/events/all), after a hand goes up or down
 * (`handsChanged()`, told by the hand queue), and when the clock makes a failing learner stuck
 * (nothing else happens in a quiet room), and passes on take-control changes
 * (/api/instructor/events). Panels listen on it:
 *
 *   source.addEventListener('room', (event) => (event as CustomEvent<Room>).detail)
 *   source.addEventListener('control', (event) => (event as CustomEvent<{ learner } & ControlState>).detail)
 *   source.addEventListener('live', (event) => (event as CustomEvent<'connecting' | 'live' | 'reconnecting'>).detail)
 */
import type { ControlState, Room } from './room-types.ts';

export class RoomSource extends EventTarget {
  room: Room | undefined;
  #lang: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #clock: ReturnType<typeof setTimeout> | undefined;
  #reading = false;
  #again = false;

  constructor(lang: string) {
    super();
    this.#lang = lang;
  }

  start() {
    const progress = new EventSource('/api/events/all');
    progress.addEventListener('open', () => {
      this.#emit('live', 'live');
      // Whatever changed while the stream was down is read now.
      this.refresh();
    });
    progress.addEventListener('error', () => this.#emit('live', 'reconnecting'));
    progress.addEventListener('progress', () => this.refreshSoon());
    const control = new EventSource('/api/instructor/events');
    control.addEventListener('control', (event) => {
      this.#emit('control', JSON.parse((event as MessageEvent<string>).data) as { learner: string } & ControlState);
      this.refreshSoon();
    });
    this.refresh();
  }

  /** A hand went up, moved or went down: the grid's ✋ and its "only raised hands" follow. */
  handsChanged() {
    this.refreshSoon();
  }

  /** Several Checks land together in a busy room: one read for them all. */
  refreshSoon() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.refresh(), 80);
  }

  async refresh() {
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = true;
    try {
      const response = await fetch(`/api/instructor/room?lang=${this.#lang}`, { cache: 'no-store' });
      const body = (await response.json()) as Room & { error?: string };
      if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
      this.room = body;
      this.#emit('room', body);
      this.#readAgainWhenSomeoneTurnsStuck(body);
    } catch (error) {
      this.#emit('failed', (error as Error).message);
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.refresh(), 3000);
    } finally {
      this.#reading = false;
      if (this.#again) {
        this.#again = false;
        void this.refresh();
      }
    }
  }

  /**
   * A learner who failed once and stopped checking turns stuck by the clock alone: read again just
   * after the first failing cell crosses the threshold (measured on the server's clock), and at
   * least once a minute so a quiet room never shows old minutes.
   */
  #readAgainWhenSomeoneTurnsStuck(room: Room) {
    const now = Date.parse(room.now);
    const thresholdMs = room.stuckAfterMinutes * 60_000;
    let wait = 60_000;
    for (const steps of Object.values(room.cells)) {
      for (const cell of Object.values(steps)) {
        if (cell.status !== 'fail' || cell.stuck || !cell.since) continue;
        wait = Math.min(wait, Date.parse(cell.since) + thresholdMs - now);
      }
    }
    clearTimeout(this.#clock);
    // A little past the moment, so the server agrees the threshold is crossed; never a busy loop.
    this.#clock = setTimeout(() => void this.refresh(), Math.max(wait + 250, 1000));
  }

  #emit(type: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
