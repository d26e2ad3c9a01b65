/**
 * Who a request acts for. The server resolves it once, at the edge, from the sign-in cookie, and
 * hands it down; nothing below the edge guesses a learner. Solo mode has one principal, the local
 * learner; a workshop sign-in resolves one per learner, and an instructor who may watch them all.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';

export const principalSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('learner').describe('Someone doing the course: their own progress, settings, events and shell.'),
      id: z.string().min(1).describe('The learner id that keys their rows in the progress store and their shell session.'),
    }),
    z.object({
      kind: z.literal('instructor').describe('Runs a workshop: may follow every learner\'s progress, has none of their own.'),
      id: z.string().min(1).describe('Names the instructor in logs; never a learner id.'),
    }),
  ])
  .describe('Who a request, a live-event stream, a terminal or a check run acts for.');

export type Principal = z.infer<typeof principalSchema>;
export type LearnerPrincipal = Extract<Principal, { kind: 'learner' }>;

/** Solo mode's one learner: the id the progress file has always used. */
export const soloLearner: LearnerPrincipal = Object.freeze({ kind: 'learner', id: 'local' });

/** The edge: who this request is, or undefined when it is not signed in. */
export type ResolvePrincipal = (req: IncomingMessage) => Principal | undefined;
