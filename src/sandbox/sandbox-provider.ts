/**
 * Where a learner's world lives: their shell, their files, their Docker engine, their AWS
 * credentials. In solo mode that is this machine (local-sandbox.ts); in a workshop it is one
 * isolated sandbox per learner (a container, later a Pod). The terminal asks a provider for a
 * shell, and a check runner asks it to run a command, always for a learner, and always
 * asynchronously: a container's exec needs a round trip, and a sandbox may first have to start.
 *
 * Every method is keyed by the learner's opaque id, never by a provider's own object: a provider
 * that keeps a pool (warm sandboxes claimed atomically on a learner's first shell, paused when the
 * learner is idle and resumed on return, reset, swept after a crash) does that behind these
 * methods and adds its lifecycle verbs (`warm`, `claim`, `pause`, `resume`, `reset`, `destroy`,
 * `sweep`) beside them, with the same key, so the terminal and the checks never change.
 */
import { z } from 'zod';
import type { ShellProcess, ShellSize } from './shell-process.ts';

export const sandboxPhases = z
  .enum(['starting', 'warm', 'ready', 'paused', 'stopping', 'gone', 'failed'])
  .describe(
    'Where a sandbox is in its life: starting (being created), warm (ready but not yet any learner\'s), ready (the learner\'s, reachable), paused (stopped with its disk kept, after idling), stopping, gone, failed (see reason).',
  );
export type SandboxPhase = z.infer<typeof sandboxPhases>;

export const sandboxStatusSchema = z
  .object({
    learner: z.string().describe('The learner the sandbox belongs to (their opaque id).'),
    phase: sandboxPhases,
    reason: z.string().optional().describe('Why it is failed or gone, in words a learner can act on (e.g. "out of memory").'),
  })
  .describe('What a provider says about one learner\'s sandbox.');
export type SandboxStatus = z.infer<typeof sandboxStatusSchema>;

export interface ExecOptions {
  /** The command is killed after this long; the result then says `timedOut`. */
  timeoutMs: number;
  /** Extra environment for this command only (e.g. the check's language). */
  env?: Record<string, string>;
}

export const execResultSchema = z
  .object({
    exitCode: z.number().int().describe('The exit code; -1 when a signal or the time limit ended the command.'),
    stdout: z.string().describe('Everything the command printed, as UTF-8.'),
    stderr: z.string().describe('Its error output, as UTF-8.'),
    timedOut: z.boolean().describe('Whether the time limit ended it.'),
  })
  .describe('What a bounded, non-interactive command in a learner\'s sandbox did.');
export type ExecResult = z.infer<typeof execResultSchema>;

export interface SandboxProvider {
  readonly kind: 'local' | 'docker' | 'kubernetes';
  /** Where the learner's sandbox is in its life. */
  status(learner: string): Promise<SandboxStatus>;
  /**
   * A new interactive shell on a terminal of this size, in the learner's sandbox (started first if
   * need be). Rejects with an Error whose message tells the learner what went wrong.
   */
  openShell(learner: string, size: ShellSize): Promise<ShellProcess>;
  /** Runs one command to its end without a terminal (a check inside the sandbox, for instance). */
  exec(learner: string, argv: readonly string[], options: ExecOptions): Promise<ExecResult>;
}
