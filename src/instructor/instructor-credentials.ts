/**
 * Terminal credentials for a server with an instructor: a learner's tab opens their own shell, as in
 * solo mode; the instructor's tab (the same launch secret, the instructor principal) may watch any
 * learner's session, always as a viewer, and never starts a shell. Typing into it needs a live
 * take-control grant, which the terminal asks `mayControl` about on every key.
 */
import type { Authenticate } from '../server/terminal/credentials.ts';
import { sameSecret, soloCredentials } from '../server/terminal/credentials.ts';

export function instructorCredentials(launchSecret: () => string): Authenticate {
  return (token, askedRole, principal) => {
    if (principal.kind === 'instructor') {
      if (!sameSecret(token, launchSecret())) return undefined;
      return { sessionKey: `instructor:${principal.id}`, role: 'viewer', mayStart: false, mayWatchOthers: true };
    }
    return soloCredentials(launchSecret())(token, askedRole, principal);
  };
}
