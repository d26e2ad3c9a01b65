/**
 * Starts the instructor's room on its page: one data source, and each panel given the room as it
 * changes. A new panel takes `source` events the same way (see room-source.ts).
 */
import './room-grid.ts';
import './class-diagnosis.ts';
import './learner-panel.ts';
import type { ClassDiagnosis } from './class-diagnosis.ts';
import type { LearnerPanel } from './learner-panel.ts';
import type { GridFilters, RoomGrid } from './room-grid.ts';
import { RoomSource } from './room-source.ts';
import { fill, type ControlState, type Room, type RoomConfig } from './room-types.ts';

export function startRoom() {
  const main = document.querySelector<HTMLElement>('[data-room]');
  if (!main) return; // the 403 page
  const config = JSON.parse(main.querySelector('[data-room-config]')!.textContent!) as RoomConfig;
  const s = config.strings;
  const grid = main.querySelector<RoomGrid>('room-grid')!;
  const diagnosis = main.querySelector<ClassDiagnosis>('class-diagnosis')!;
  const panel = main.querySelector<LearnerPanel>('learner-panel')!;
  const live = main.querySelector<HTMLElement>('[data-room-live]')!;
  const controls = main.querySelector<HTMLFormElement>('[data-room-controls]')!;
  grid.config = config;
  diagnosis.config = config;
  panel.config = config;

  const source = new RoomSource(config.lang);
  (window as unknown as { roomSource: RoomSource }).roomSource = source;
  source.addEventListener('live', (event) => {
    const state = (event as CustomEvent<'live' | 'reconnecting'>).detail;
    live.textContent = state === 'live' ? s['room.live.live'] : s['room.live.reconnecting'];
  });
  source.addEventListener('failed', (event) => {
    live.textContent = fill(s['room.refresh-failed'], { reason: (event as CustomEvent<string>).detail });
  });
  source.addEventListener('room', (event) => {
    const room = (event as CustomEvent<Room>).detail;
    main.querySelector('[data-room-stuck-after]')!.textContent = fill(s['room.stuck-after'], { minutes: room.stuckAfterMinutes });
    grid.room = room;
    diagnosis.room = room;
    void panel.refresh();
    main.dataset.roomAt = room.now;
  });
  source.addEventListener('control', (event) => {
    const { learner, ...state } = (event as CustomEvent<{ learner: string } & ControlState>).detail;
    panel.controlChanged(learner, state);
  });

  const readFilters = (): GridFilters => {
    const data = new FormData(controls);
    return { lesson: String(data.get('lesson') ?? ''), sort: (String(data.get('sort') ?? 'name') as GridFilters['sort']), stuck: data.has('stuck'), hand: data.has('hand') };
  };
  controls.addEventListener('change', () => {
    const filters = readFilters();
    grid.filters = filters;
    diagnosis.lesson = filters.lesson;
  });
  controls.addEventListener('submit', (event) => event.preventDefault());
  main.addEventListener('learner-select', (event) => {
    const { learner } = (event as CustomEvent<{ learner: string }>).detail;
    grid.selected = learner;
    void panel.open(learner);
  });
  // The hand queue's stream is the room's one stream of hands: the grid's ✋ follows it.
  main.addEventListener('hands-changed', () => source.handsChanged());
  main.addEventListener('learner-closed', () => {
    grid.selected = '';
  });
  source.start();
}
