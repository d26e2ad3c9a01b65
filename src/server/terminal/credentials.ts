import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../../shared/principal.ts';
import type { Role } from '../../shared/terminal-protocol.ts';

/** Which session a hello's token opens, and with which role. The role belongs to the credential. */
export interface Grant {
  sessionKey: string;
  role: Role;
  /** Whether this credential may start the shell when none runs (a viewer only watches). */
  mayStart: boolean;
  /**
   * Whether it may watch other sessions than its own, named in the hello (the instructor). Such a
   * tab is always a viewer and never starts a shell. A learner's credential never may.
   */
  mayWatchOthers?: boolean;
}

/** `principal` is who the upgrade's edge resolved: the grant is for that learner's own session. */
export type Authenticate = (token: string, askedRole: Role | undefined, principal: Principal) => Grant | undefined;

function digest(value: string) {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares in constant time; hashing first makes the lengths equal, as timingSafeEqual needs. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Solo mode: one learner, one shell. The launch secret makes a tab the owner; an owner's tab may
 * ask to only watch. Workshop mode will add per-learner tokens and an instructor's viewer token
 * that grants `viewer` for any learner's session.
 */
export function soloCredentials(launchSecret: string): Authenticate {
  return (token, askedRole, principal) => {
    if (!sameSecret(token, launchSecret) || principal.kind !== 'learner') return undefined;
    const role = askedRole === 'viewer' ? 'viewer' : 'owner';
    return { sessionKey: principal.id, role, mayStart: role === 'owner' };
  };
}
