/**
 * Who is in the workshop, in the workshop's own SQLite file (the same file as everyone's progress):
 * the workshop's opaque id and event code, which survive a restart of the server so that cookies,
 * rejoin links and sandboxes stay valid, and one row per learner who joined. A learner is keyed by
 * an opaque random id (the one Docker names and labels may carry); their display name stays here.
 * Only a hash of each rejoin token is kept: the file alone lets nobody act as a learner.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import { languages, type Language } from '../i18n/languages.ts';
import { migrate } from '../progress/migrations.ts';
import { storeFileName } from '../settings/data-dir.ts';
import { newEventCode } from './event-code.ts';
import { deriveLearnerPrefix } from './learner-prefix.ts';

export const maxDisplayNameLength = 40;

export const workshopLearnerSchema = z
  .object({
    id: z.string().regex(/^l[0-9a-f]{16}$/).describe('Opaque random id: keys progress, the shell session and the sandbox; never shown as a name.'),
    displayName: z.string().min(1).max(maxDisplayNameLength).describe('What the learner typed as their name; two learners may share one.'),
    joinedAt: z.string().describe('When they first joined (ISO 8601).'),
    awsPrefix: z.string().optional().describe('Their AWS name prefix when the workshop shares one account (--prefixes).'),
    language: z.enum(languages).describe('The language they joined in: what their sandbox\'s notices are written in.'),
  })
  .describe('A learner of the workshop, as the store keeps them.');
export type WorkshopLearner = z.infer<typeof workshopLearnerSchema>;

export interface WorkshopIdentity {
  /** Opaque id in every Docker name and label the workshop makes. */
  id: string;
  eventCode: string;
}

export type JoinOutcome = { joined: WorkshopLearner; rejoinToken: string } | { full: true; capacity: number };

export interface WorkshopRoster {
  identity: WorkshopIdentity;
  /** Adds a learner unless `capacity` learners have joined already (checked and added atomically). */
  join(request: { displayName: string; language: Language; capacity: number; prefixes: boolean }): JoinOutcome;
  /** The learner whose rejoin token (or cookie, which carries the same token) this is. */
  byToken(token: string): WorkshopLearner | undefined;
  get(id: string): WorkshopLearner | undefined;
  /** Every learner id: what a sweep keeps. */
  ids(): Set<string>;
  count(): number;
  close(): void;
}

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

type Row = { id: string; display_name: string; joined_at: string; aws_prefix: string | null; language: string };

const toLearner = (row: Row): WorkshopLearner => ({
  id: row.id,
  displayName: row.display_name,
  joinedAt: row.joined_at,
  ...(row.aws_prefix && { awsPrefix: row.aws_prefix }),
  language: (languages as readonly string[]).includes(row.language) ? (row.language as Language) : 'en',
});

export function openWorkshopRoster(dir: string): WorkshopRoster {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, storeFileName);
  const db = new DatabaseSync(file);
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA journal_mode = WAL');
  migrate(db);
  try {
    chmodSync(file, 0o600);
  } catch {
    // Not ours to change; the store's own open says if it matters.
  }

  const identity = (() => {
    const existing = db.prepare('SELECT id, event_code FROM workshop LIMIT 1').get() as { id: string; event_code: string } | undefined;
    if (existing) return { id: existing.id, eventCode: existing.event_code };
    const made = { id: `w${randomBytes(4).toString('hex')}`, eventCode: newEventCode() };
    db.prepare('INSERT INTO workshop (id, event_code, created_at) VALUES (?, ?, ?)').run(made.id, made.eventCode, new Date().toISOString());
    return made;
  })();

  const sql = {
    count: db.prepare('SELECT COUNT(*) AS n FROM workshop_learners'),
    insert: db.prepare('INSERT INTO workshop_learners (id, display_name, joined_at, rejoin_hash, aws_prefix, language) VALUES (?, ?, ?, ?, ?, ?)'),
    byHash: db.prepare('SELECT * FROM workshop_learners WHERE rejoin_hash = ?'),
    byId: db.prepare('SELECT * FROM workshop_learners WHERE id = ?'),
    ids: db.prepare('SELECT id FROM workshop_learners'),
    prefixes: db.prepare('SELECT aws_prefix FROM workshop_learners WHERE aws_prefix IS NOT NULL'),
  };
  const count = () => Number((sql.count.get() as { n: number }).n);

  return {
    identity,
    join({ displayName, language, capacity, prefixes }) {
      db.exec('BEGIN IMMEDIATE');
      try {
        if (count() >= capacity) {
          db.exec('ROLLBACK');
          return { full: true, capacity };
        }
        const id = `l${randomBytes(8).toString('hex')}`;
        const rejoinToken = randomBytes(32).toString('base64url');
        const taken = new Set((sql.prefixes.all() as { aws_prefix: string }[]).map((row) => row.aws_prefix));
        const awsPrefix = prefixes ? deriveLearnerPrefix(displayName, id, taken) : null;
        const joinedAt = new Date().toISOString();
        sql.insert.run(id, displayName, joinedAt, hashToken(rejoinToken), awsPrefix, language);
        db.exec('COMMIT');
        return { joined: toLearner({ id, display_name: displayName, joined_at: joinedAt, aws_prefix: awsPrefix, language }), rejoinToken };
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    byToken(token) {
      const row = sql.byHash.get(hashToken(token)) as Row | undefined;
      return row && toLearner(row);
    },
    get(id) {
      const row = sql.byId.get(id) as Row | undefined;
      return row && toLearner(row);
    },
    ids: () => new Set((sql.ids.all() as { id: string }[]).map((row) => row.id)),
    count,
    close: () => db.close(),
  };
}
