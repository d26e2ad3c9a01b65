/**
 * `ecs-workbook workshop stop [--data-dir DIR]`: ends the workshop whose data folder this is. A
 * running server is asked (with the control secret of its 0600 control file) and answers once every
 * sandbox, network and volume it made is gone; then it exits. When its process is gone (a crash,
 * kill -9), the command removes them itself, found by the workshop's label. Progress stays in the
 * SQLite file either way.
 */
import Docker from 'dockerode';
import { sweepWorkshop } from './workshop-end.ts';
import { NoWorkshopError, readControlFile, removeControlFile } from './control-file.ts';
import { stopPath } from './control-feature.ts';

export interface StopOutcome {
  /** `asked`: the running server removed everything; `cleaned`: its process was gone, this command did. */
  how: 'asked' | 'cleaned';
  removed: string[];
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

export async function stopWorkshop(dataDir: string, options: { docker?: Docker; timeoutMs?: number } = {}): Promise<StopOutcome> {
  const control = readControlFile(dataDir);
  if (isRunning(control.pid)) {
    let answer: Response;
    try {
      answer = await fetch(new URL(stopPath, control.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${control.secret}` },
        signal: AbortSignal.timeout(options.timeoutMs ?? 180_000),
      });
    } catch (error) {
      throw new NoWorkshopError(`The workshop server (process ${control.pid}) did not answer at ${control.url}: ${(error as Error).message}. Stop it with Ctrl-C in its window, then run ecs-workbook workshop stop again to remove what is left.`);
    }
    const body = (await answer.json().catch(() => ({}))) as { removed?: string[]; error?: string };
    if (!answer.ok) throw new NoWorkshopError(body.error ?? `The workshop server answered HTTP ${answer.status}. Run ecs-workbook workshop stop again.`);
    await waitForExit(control.pid, 15_000);
    removeControlFile(dataDir, control.secret);
    return { how: 'asked', removed: body.removed ?? [] };
  }
  const removed = await sweepWorkshop(options.docker ?? new Docker(), control.workshop);
  removeControlFile(dataDir, control.secret);
  return { how: 'cleaned', removed };
}

/** The command's text: what was removed, and where progress stays; returns the exit code. */
export async function workshopStopCommand(dataDir: string): Promise<number> {
  try {
    const outcome = await stopWorkshop(dataDir);
    const what = outcome.removed.length === 0 ? 'nothing was left to remove' : `removed ${outcome.removed.length} Docker objects (sandboxes, their volumes, the network)`;
    console.log(`${outcome.how === 'asked' ? 'The workshop stopped' : 'The workshop server was no longer running'}: ${what}. Progress stays in ${dataDir}.`);
    return 0;
  } catch (error) {
    if (!(error instanceof NoWorkshopError)) throw error;
    console.error(error.message);
    return 1;
  }
}
