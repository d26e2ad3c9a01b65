/**
 * The learner's side of the room: one stream per page (`/api/room/events`) that the hand button and
 * the broadcast banner share. In solo mode the server has no room (`/api/room` answers 404): then
 * nothing opens and the elements stay hidden.
 */
export interface RoomView {
  hand: { id: number; status: 'waiting' | 'on-the-way' | 'resolved'; place?: number; ahead?: number } | null;
  broadcasts: { id: number; text: string; sentAt: string }[];
  deadline: string | null;
}

type Listener = (view: RoomView) => void;
const listeners = new Set<Listener>();
let started: Promise<boolean> | undefined;
let last: RoomView | undefined;

function publish(view: RoomView) {
  last = view;
  for (const listener of listeners) listener(view);
}

/** Starts following the room once per page; resolves false when this server has none. */
function start(): Promise<boolean> {
  started ??= (async () => {
    const response = await fetch('/api/room', { headers: { accept: 'application/json' } }).catch(() => undefined);
    if (!response?.ok) return false;
    publish((await response.json()) as RoomView);
    const events = new EventSource('/api/room/events');
    events.addEventListener('room', (event) => publish(JSON.parse((event as MessageEvent<string>).data) as RoomView));
    return true;
  })();
  return started;
}

/** Calls `listener` with every view of the room; resolves false (and never calls) without a room. */
export async function followRoom(listener: Listener): Promise<boolean> {
  listeners.add(listener);
  if (last) listener(last);
  return start();
}

/** Posts to a learner route; the answer is the new view, published to every element at once. */
export async function postRoom(path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({}))) as RoomView & { error?: string };
  if (!response.ok) throw new Error(answer.error ?? `HTTP ${response.status}`);
  publish(answer);
}
