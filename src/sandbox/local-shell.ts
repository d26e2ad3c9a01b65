import { basename } from 'node:path';
import { spawn } from 'node-pty';
import type { CliLauncher } from './cli-launcher.ts';
import { endProcessSession } from './process-session.ts';
import { learnerShell, shellEnvironment } from './shell-environment.ts';
import type { ShellProcess, ShellSize } from './shell-process.ts';
import { ensureWorkspaceFolder } from './workspace-folder.ts';

export interface LocalShellOptions {
  /** Where the learner's own settings come from (HOME, SHELL, AWS_*); the server's environment in solo mode. */
  learnerEnv?: NodeJS.ProcessEnv;
  /** How long a hung-up shell gets before the rest of its session is killed. */
  killGraceMs?: number;
  /**
   * That learner's workspace setting, read when their shell starts (so a changed setting applies
   * to the next shell): each learner's shell opens in their own folder.
   */
  workspace?: (learner: string) => string | undefined;
  /** The `ecs-workbook` launcher to put first on the shell's PATH. */
  launcher?: CliLauncher;
}

/**
 * Bytes node-pty holds for a pty whose input buffer is full. node-pty has no public figure for
 * it, so this reads its write queue (node-pty 1.x on Unix) and says 0 when that is not there.
 */
function queuedInputBytes(pty: unknown): number {
  const queue = (pty as { _writeStream?: { _writeQueue?: { buffer: Uint8Array; offset: number }[] } })._writeStream?._writeQueue;
  if (!Array.isArray(queue)) return 0;
  let bytes = 0;
  for (const task of queue) bytes += task.buffer.byteLength - task.offset;
  return bytes;
}

/** Starts the learner's login shell on a pty in their workspace folder, with an explicit environment. */
export function openLocalShell(options: LocalShellOptions, size: ShellSize, learner = ''): ShellProcess {
  const learnerEnv = options.learnerEnv ?? process.env;
  const shell = learnerShell(learnerEnv);
  // bash as a login shell would let Debian's /etc/profile reset PATH and drop the launcher; the
  // start-up file does the login shell's reading and then puts the launcher back first.
  const args = options.launcher && basename(shell) === 'bash' ? ['--rcfile', options.launcher.bashRcFile, '-i'] : ['-l'];
  const pty = spawn(shell, args, {
    name: 'xterm-256color',
    cols: size.cols,
    rows: size.rows,
    cwd: ensureWorkspaceFolder(learnerEnv, options.workspace?.(learner)),
    env: shellEnvironment(learnerEnv, shell, { ...(options.launcher && { pathFirst: options.launcher.binDir }) }),
    // Raw bytes: the browser's xterm decodes UTF-8 as a stream, so nothing is decoded twice.
    encoding: null,
    // Out-of-band acks pace output instead; in-band XON/XOFF would steal ^S/^Q from programs.
    handleFlowControl: false,
  });
  let ended: Promise<void> | undefined;
  const end = () => (ended ??= endProcessSession(pty.pid, options.killGraceMs));
  pty.onExit(() => void end());
  return {
    onData: (listener) => pty.onData((chunk) => listener(chunk as unknown as Uint8Array)),
    onExit: (listener) => pty.onExit(({ exitCode, signal }) => listener(signal ? -1 : exitCode)),
    write: (data) => pty.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength)),
    pendingInput: () => queuedInputBytes(pty),
    resize: (cols, rows) => {
      try {
        pty.resize(cols, rows);
      } catch {
        // The pty closed a moment ago; the exit handler is on its way.
      }
    },
    pause: () => pty.pause(),
    resume: () => pty.resume(),
    kill: end,
  };
}
