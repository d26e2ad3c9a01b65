/**
 * The workshop's edge: who a request is. A learner's browser carries a cookie set when they joined
 * (or opened their rejoin link); it holds their rejoin token, which the store knows only by its
 * hash, so cookies and rejoin links outlive a restart of the server. The instructor signs in the
 * way a solo learner does, with the printed one-time link (`#sign-in=…`, sign-in.ts), and that
 * session cookie makes them the instructor. Nothing else is anyone.
 */
import type { IncomingMessage } from 'node:http';
import type { Principal } from '../shared/principal.ts';
import type { WorkshopRoster } from './workshop-roster.ts';

export const instructor: Principal = Object.freeze({ kind: 'instructor', id: 'instructor' });

export interface WorkshopSignIn {
  cookieName: string;
  /** The Set-Cookie header that makes this browser the learner whose rejoin token this is. */
  learnerCookie(token: string): string;
  /** The rejoin token this request's cookie carries, when it is a known learner's. */
  learnerToken(req: IncomingMessage): string | undefined;
  resolve(req: IncomingMessage): Principal | undefined;
}

export interface WorkshopSignInOptions {
  roster: Pick<WorkshopRoster, 'byToken'>;
  port: number;
  /** HTTPS: the cookie is marked Secure. */
  secure: boolean;
  /** Whether the request carries the instructor's session (the workbook's own sign-in). */
  isInstructor: (req: IncomingMessage) => boolean;
}

export function createWorkshopSignIn(options: WorkshopSignInOptions): WorkshopSignIn {
  // Named by the port like the solo cookie: browsers share cookies across a host's ports.
  const cookieName = `ecs-workbook-learner-${options.port}`;

  const cookiesOf = (req: IncomingMessage): string[] => {
    const values: string[] = [];
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === cookieName) values.push(part.slice(eq + 1).trim());
    }
    return values;
  };

  const learnerToken = (req: IncomingMessage) => cookiesOf(req).find((value) => /^[A-Za-z0-9_-]{43}$/.test(value) && options.roster.byToken(value));

  return {
    cookieName,
    learnerCookie: (token) => `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${7 * 24 * 3600}${options.secure ? '; Secure' : ''}`,
    learnerToken,
    resolve(req) {
      if (options.isInstructor(req)) return instructor;
      const token = learnerToken(req);
      const learner = token ? options.roster.byToken(token) : undefined;
      return learner ? { kind: 'learner', id: learner.id } : undefined;
    },
  };
}
