/**
 * Fresh sign-in links for another browser. The link a launch prints is spent by the first browser
 * that opens it, so a token read by someone else later (from a process list, a screen share) is
 * worth nothing. `ecs-workbook link` makes a new one: it writes a random token into the learner's
 * data folder (a 0700 folder, a 0600 file: only the learner can write or read it), and the running
 * server accepts that token once, within ten minutes, then deletes the file.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How long a fresh link stays valid when nobody opens it. */
export const freshLinkLifetimeMs = 10 * 60_000;

export function freshLinkFile(dataDir: string, port: number): string {
  return join(dataDir, `sign-in-${port}.token`);
}

/** Writes a new one-time token for the server on `port` and returns it. */
export function writeFreshLinkToken(dataDir: string, port: number): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('base64url');
  const file = freshLinkFile(dataDir, port);
  // Remove first so the new file is created with mode 0600 even where an older one had another.
  rmSync(file, { force: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return token;
}

/** The fresh token waiting for the server on `port`, if one was written in the last ten minutes. */
export function readFreshLinkToken(dataDir: string, port: number, now = Date.now()): string | undefined {
  const file = freshLinkFile(dataDir, port);
  try {
    const stat = statSync(file);
    // A file others could have written is not the learner's word.
    if (!stat.isFile() || (stat.mode & 0o077) !== 0 || (process.getuid && stat.uid !== process.getuid())) return undefined;
    if (now - stat.mtimeMs > freshLinkLifetimeMs) {
      rmSync(file, { force: true });
      return undefined;
    }
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export function spendFreshLinkToken(dataDir: string, port: number) {
  rmSync(freshLinkFile(dataDir, port), { force: true });
}
