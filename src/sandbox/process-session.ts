import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Ending a shell must end everything it started. Killing the shell's pid reaches only the shell
 * (microsoft/node-pty#167), and an interactive shell puts each job in its own process group, so
 * we first hang up (bash passes SIGHUP on to its jobs, as when a terminal window closes), then
 * SIGKILL every process that is still in the shell's session: the session id (field 6 of
 * /proc/PID/stat) of all of them equals the shell's pid. `setsid` escapes this; in workshop mode
 * the sandbox container is the final boundary.
 */

/** Live (non-zombie) processes whose session id is `sid`; empty where /proc does not exist. */
export function processesInSession(sid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
    } catch {
      continue; // It ended while we looked.
    }
    // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[3]) === sid) found.push(Number(entry));
  }
  return found;
}

function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone, or not ours: nothing to do.
  }
}

/** Hangs up the shell's session, waits up to `graceMs` for it to go, then kills what is left. */
export async function endProcessSession(sid: number, graceMs = 500): Promise<void> {
  signal(sid, 'SIGHUP');
  signal(-sid, 'SIGHUP');
  for (const pid of processesInSession(sid)) signal(pid, 'SIGHUP');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && processesInSession(sid).length > 0) await sleep(25);
  for (const pid of processesInSession(sid)) signal(pid, 'SIGKILL');
  signal(-sid, 'SIGKILL');
}
