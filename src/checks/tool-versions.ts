/**
 * The one door through which a check learns which tools the learner has: a fixed allow-list of
 * version commands, run without a shell, with fixed arguments, a short timeout and the learner's
 * environment (their PATH finds the `aws` their terminal finds). A check cannot name a program or
 * an argument, so this seam cannot run anything but these read-only commands. In a workshop the
 * check runs inside the learner's sandbox, so the same commands run there.
 */
import { execFile } from 'node:child_process';

/** What each name runs: argv, never a shell line. */
export const toolCommands = {
  /** The AWS CLI's version (v1 prints it on stderr, v2 on stdout). */
  aws: ['aws', '--version'],
  /** Whether the buildx plugin answers (needed to build amd64 images on an arm machine). */
  buildx: ['docker', 'buildx', 'version'],
  /** The machine's architecture as the lessons read it (`uname -m`): x86_64, aarch64, arm64. */
  machine: ['uname', '-m'],
} as const satisfies Record<string, readonly string[]>;

export type ToolName = keyof typeof toolCommands;

/** What a version command answered, as a snapshot records it. */
export type ToolVersion =
  | { status: 'ok'; output: string }
  /** The program is not on the learner's PATH. */
  | { status: 'missing' }
  /** It ran and exited non-zero (e.g. `docker: unknown command: docker buildx`). */
  | { status: 'failed'; exitCode: number | null; output: string }
  /** It did not answer in time: we could not check. */
  | { status: 'timeout' }
  /** It could not be started for another reason (permissions…): we could not check. */
  | { status: 'error'; message: string };

export interface ToolVersions {
  version(name: ToolName): Promise<ToolVersion>;
}

/** aws v2 starts a Python runtime: a second or two, more on a busy machine. */
export const defaultToolTimeoutMs = 10_000;
/** Version banners are one or two lines; more is cut. */
const maxOutput = 4_000;

export interface ToolVersionOptions {
  env: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export function createToolVersions(options: ToolVersionOptions): ToolVersions {
  return {
    version(name) {
      if (!Object.hasOwn(toolCommands, name)) return Promise.reject(new Error(`No version command for "${String(name)}".`));
      const [program, ...args] = toolCommands[name];
      return new Promise<ToolVersion>((resolve) => {
        execFile(program, args, {
          shell: false,
          env: options.env as NodeJS.ProcessEnv,
          timeout: options.timeoutMs ?? defaultToolTimeoutMs,
          killSignal: 'SIGKILL',
          maxBuffer: 64 * 1024,
          windowsHide: true,
          ...(options.signal && { signal: options.signal }),
        }, (error, stdout, stderr) => {
          const output = `${stdout}${stderr}`.trim().slice(0, maxOutput);
          if (!error) return resolve({ status: 'ok', output });
          const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: string | number | null };
          if (failure.code === 'ENOENT') return resolve({ status: 'missing' });
          if (failure.killed || failure.name === 'AbortError' || failure.code === 'ABORT_ERR') return resolve({ status: 'timeout' });
          if (typeof failure.code === 'number') return resolve({ status: 'failed', exitCode: failure.code, output });
          if (typeof failure.code === 'string') return resolve({ status: 'error', message: `${failure.code}: ${failure.message}` });
          return resolve({ status: 'failed', exitCode: null, output });
        });
      });
    },
  };
}
