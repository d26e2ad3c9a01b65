/**
 * The terminal's grant is for the principal the upgrade's edge resolved: its session key is that
 * learner's id, so two learners' tabs can never land in one shell.
 */
import { describe, expect, it } from 'vitest';
import { soloCredentials } from './credentials.ts';

describe('solo credentials', () => {
  const authenticate = soloCredentials('launch-secret-of-this-start');

  it('opens the learner’s own session, as owner or, when asked, as a viewer', () => {
    expect(authenticate('launch-secret-of-this-start', undefined, { kind: 'learner', id: 'local' })).toEqual({ sessionKey: 'local', role: 'owner', mayStart: true });
    expect(authenticate('launch-secret-of-this-start', 'viewer', { kind: 'learner', id: 'ana' })).toEqual({ sessionKey: 'ana', role: 'viewer', mayStart: false });
  });

  it('refuses a wrong secret, and an instructor (solo mode has no learner sessions to watch)', () => {
    expect(authenticate('another-secret', undefined, { kind: 'learner', id: 'local' })).toBeUndefined();
    expect(authenticate('launch-secret-of-this-start', 'viewer', { kind: 'instructor', id: 'teacher' })).toBeUndefined();
  });
});
