/**
 * Solo mode's sandbox: this machine. A shell is a login shell on a local pty, and a command runs
 * as a child process, both in the learner's workspace folder with the environment a shell gets
 * (the learner's own AWS and Docker settings, the `ecs-workbook` launcher first on PATH, none of
 * the server's secrets). Every learner id gets a shell of its own, but on the same machine and
 * account: isolation between learners is what the container providers add.
 */
import { execFile } from 'node:child_process';
import { openLocalShell, type LocalShellOptions } from './local-shell.ts';
import type { ExecResult, SandboxProvider } from './sandbox-provider.ts';
import { learnerShell, shellEnvironment } from './shell-environment.ts';
import { ensureWorkspaceFolder } from './workspace-folder.ts';

/** A command's output beyond this is cut off (a check prints a few KiB of JSON). */
const maxExecOutput = 8 * 1024 * 1024;

export function createLocalSandbox(options: LocalShellOptions = {}): SandboxProvider {
  const learnerEnv = options.learnerEnv ?? process.env;
  return {
    kind: 'local',
    status: async (learner) => ({ learner, phase: 'ready' }),
    // A pty opens synchronously; a failure (no shell, no such folder) becomes the rejection.
    openShell: async (learner, size) => openLocalShell(options, size, learner),
    exec: (learner, argv, { timeoutMs, env }) =>
      new Promise<ExecResult>((resolve, reject) => {
        const [command, ...args] = argv;
        if (!command) return reject(new Error('exec needs a command'));
        const shellEnv = shellEnvironment(learnerEnv, learnerShell(learnerEnv), { ...(options.launcher && { pathFirst: options.launcher.binDir }) });
        execFile(
          command,
          args,
          { cwd: ensureWorkspaceFolder(learnerEnv, options.workspace?.(learner)), env: { ...shellEnv, ...env }, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: maxExecOutput, encoding: 'utf8' },
          (error, stdout, stderr) => {
            const failure = error as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
            // A command that could not start at all (ENOENT) is the caller's error, not an exit code.
            if (failure && typeof failure.code === 'string' && failure.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return reject(failure);
            const timedOut = !!failure?.killed;
            const exitCode = !failure ? 0 : typeof failure.code === 'number' && !timedOut ? failure.code : -1;
            resolve({ exitCode, stdout, stderr, timedOut });
          },
        );
      }),
  };
}
