/**
 * The room tools' own rows in the workshop's progress file: raised hands, broadcasts (and who
 * dismissed which), and time deadlines. The progress store made the tables (migrations.ts); this is
 * a second connection to the same SQLite file (WAL lets both read and write), so the progress
 * store's interface does not grow with every instructor tool.
 */
import { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';

export const handStatuses = z
  .enum(['waiting', 'on-the-way', 'resolved', 'lowered'])
  .describe('Where a raised hand is: waiting in the queue, the instructor is on the way, resolved by the instructor, or lowered by the learner.');
export type HandStatus = z.infer<typeof handStatuses>;

export const handSchema = z
  .object({
    id: z.number().int().describe('The hand\'s row id; the instructor acts on a hand by it.'),
    learner: z.string().describe('The learner\'s opaque id.'),
    status: handStatuses,
    source: z.enum(['button', 'terminal']).describe('Raised with the page\'s button or with `ecs-workbook hand` in the terminal.'),
    step: z.string().optional().describe('The step of the learner\'s latest failing Check when the hand went up.'),
    attempt: z.number().int().optional().describe('That Check\'s attempt id in the progress store.'),
    screen: z.string().describe('The last screen of the learner\'s terminal when the hand went up, as plain text (empty without a shell).'),
    raisedAt: z.string().describe('ISO time the hand went up.'),
    updatedAt: z.string().describe('ISO time of the last change of status.'),
  })
  .describe('One raised hand: a learner asking the instructor for help.');
export type Hand = z.infer<typeof handSchema>;

export const broadcastSchema = z
  .object({
    id: z.number().int().describe('The message\'s row id; a learner dismisses it by it.'),
    text: z.string().describe('What the instructor wrote, shown as a banner to every learner.'),
    sentAt: z.string().describe('ISO time it was sent.'),
  })
  .describe('A message from the instructor to the whole room.');
export type Broadcast = z.infer<typeof broadcastSchema>;

/** Hands still in the queue: the learner is waiting, or the instructor is on the way. */
export const openStatuses: readonly HandStatus[] = ['waiting', 'on-the-way'];

/** The scope of the whole workshop's deadline; a learner's own is `learner:<id>`. */
export const workshopScope = 'workshop';
export const learnerScope = (learner: string) => `learner:${learner}`;
/** The learner a `learner:<id>` scope names; undefined for the workshop's. */
export const learnerOfScope = (scope: string) => (scope.startsWith('learner:') ? scope.slice('learner:'.length) : undefined);

/**
 * The workshop's deadline at a start: the stored one when there is one (a restarted server keeps the
 * time the class was given, extensions included), else now plus the time limit, stored. The
 * lifecycle arms its end timer for this time, and re-arms it when the room moves it.
 */
export function armWorkshopDeadline(store: Pick<RoomStore, 'deadline' | 'setDeadline'>, timeLimitMs: number, now = Date.now()): string {
  const stored = store.deadline(workshopScope);
  if (stored) return stored;
  const endsAt = new Date(now + timeLimitMs).toISOString();
  store.setDeadline(workshopScope, endsAt);
  return endsAt;
}

export interface NewHand {
  learner: string;
  source: Hand['source'];
  step?: string;
  attempt?: number;
  screen: string;
}

export interface RoomStore {
  /** Raises a hand, or returns the learner's hand that is still open (a second press queues nobody twice). */
  raiseHand(hand: NewHand): { hand: Hand; raised: boolean };
  /** The open hands, first raised first: the instructor's queue. */
  queue(): Hand[];
  hand(id: number): Hand | undefined;
  /** The learner's latest hand, open or not. */
  latestHandOf(learner: string): Hand | undefined;
  setHandStatus(id: number, status: HandStatus): Hand | undefined;
  broadcast(text: string): Broadcast;
  /** Every message still shown (not withdrawn), oldest first. */
  broadcasts(): Broadcast[];
  withdraw(id: number): boolean;
  dismiss(learner: string, broadcast: number): void;
  dismissedBy(learner: string): Set<number>;
  /** When a scope's time ends (ISO), if a deadline is stored. */
  deadline(scope: string): string | undefined;
  setDeadline(scope: string, endsAt: string): void;
  close(): void;
}

const now = () => new Date().toISOString();

function toHand(row: Record<string, unknown>): Hand {
  return {
    id: Number(row.id),
    learner: String(row.learner),
    status: row.status as HandStatus,
    source: row.source as Hand['source'],
    ...(row.step != null && { step: String(row.step) }),
    ...(row.attempt != null && { attempt: Number(row.attempt) }),
    screen: String(row.screen ?? ''),
    raisedAt: String(row.raised_at),
    updatedAt: String(row.updated_at),
  };
}

/** `file` is the progress store's file, already migrated (open the progress store first). */
export function openRoomStore(file: string): RoomStore {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA busy_timeout = 5000');
  const sql = {
    insertHand: db.prepare('INSERT INTO room_hands (learner, status, source, step, attempt, screen, raised_at, updated_at) VALUES (?, \'waiting\', ?, ?, ?, ?, ?, ?)'),
    openOf: db.prepare(`SELECT * FROM room_hands WHERE learner = ? AND status IN ('waiting','on-the-way') ORDER BY id DESC LIMIT 1`),
    latestOf: db.prepare('SELECT * FROM room_hands WHERE learner = ? ORDER BY id DESC LIMIT 1'),
    queue: db.prepare(`SELECT * FROM room_hands WHERE status IN ('waiting','on-the-way') ORDER BY id`),
    hand: db.prepare('SELECT * FROM room_hands WHERE id = ?'),
    setStatus: db.prepare('UPDATE room_hands SET status = ?, updated_at = ? WHERE id = ?'),
    insertBroadcast: db.prepare('INSERT INTO room_broadcasts (text, sent_at) VALUES (?, ?)'),
    broadcasts: db.prepare('SELECT id, text, sent_at FROM room_broadcasts WHERE withdrawn_at IS NULL ORDER BY id'),
    withdraw: db.prepare('UPDATE room_broadcasts SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL'),
    dismiss: db.prepare('INSERT OR IGNORE INTO room_dismissals (learner, broadcast, at) VALUES (?, ?, ?)'),
    dismissed: db.prepare('SELECT broadcast FROM room_dismissals WHERE learner = ?'),
    deadline: db.prepare('SELECT ends_at FROM room_deadlines WHERE scope = ?'),
    setDeadline: db.prepare('INSERT INTO room_deadlines (scope, ends_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (scope) DO UPDATE SET ends_at = excluded.ends_at, updated_at = excluded.updated_at'),
  };
  const transaction = <T>(work: () => T): T => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const value = work();
      db.exec('COMMIT');
      return value;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  };
  const hand = (id: number) => {
    const row = sql.hand.get(id) as Record<string, unknown> | undefined;
    return row && toHand(row);
  };

  return {
    raiseHand(input) {
      return transaction(() => {
        const open = sql.openOf.get(input.learner) as Record<string, unknown> | undefined;
        if (open) return { hand: toHand(open), raised: false };
        const at = now();
        const info = sql.insertHand.run(input.learner, input.source, input.step ?? null, input.attempt ?? null, input.screen, at, at);
        return { hand: hand(Number(info.lastInsertRowid))!, raised: true };
      });
    },
    queue: () => (sql.queue.all() as Record<string, unknown>[]).map(toHand),
    hand,
    latestHandOf(learner) {
      const row = sql.latestOf.get(learner) as Record<string, unknown> | undefined;
      return row && toHand(row);
    },
    setHandStatus(id, status) {
      sql.setStatus.run(status, now(), id);
      return hand(id);
    },
    broadcast(text) {
      const at = now();
      const info = sql.insertBroadcast.run(text, at);
      return { id: Number(info.lastInsertRowid), text, sentAt: at };
    },
    broadcasts: () => (sql.broadcasts.all() as { id: number; text: string; sent_at: string }[]).map((row) => ({ id: Number(row.id), text: row.text, sentAt: row.sent_at })),
    withdraw: (id) => Number(sql.withdraw.run(now(), id).changes) > 0,
    dismiss(learner, broadcast) {
      sql.dismiss.run(learner, broadcast, now());
    },
    dismissedBy: (learner) => new Set((sql.dismissed.all(learner) as { broadcast: number }[]).map((row) => Number(row.broadcast))),
    deadline: (scope) => (sql.deadline.get(scope) as { ends_at: string } | undefined)?.ends_at,
    setDeadline(scope, endsAt) {
      sql.setDeadline.run(scope, endsAt, now());
    },
    close() {
      db.close();
    },
  };
}
