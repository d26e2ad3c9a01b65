/**
 * One named step of the sandbox image build. A failure says which step failed and shows the end of
 * what the step printed, so an instructor knows where to look ("debootstrap" means Debian's mirror,
 * "docker build" the Dockerfile) instead of reading a stack trace.
 */
import { spawn } from 'node:child_process';

export class BuildStepError extends Error {
  readonly step: string;
  constructor(step: string, detail: string) {
    super(`Building the sandbox image failed at step "${step}": ${detail}`);
    this.step = step;
  }
}

/** How much of a failed command's output the error keeps (its end is where the cause is). */
const tailLines = 15;

/** Runs a command as the named step; resolves with its output, rejects with a BuildStepError. */
export function runStep(step: string, command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      // Keep memory bounded on chatty steps (debootstrap prints a line per package).
      if (output.length > 256 * 1024) output = output.slice(-128 * 1024);
      if (options.log) for (const line of text.split('\n')) if (line.trim()) options.log(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new BuildStepError(step, error.code === 'ENOENT' ? `${command} is not installed (apt-get install ${command === 'docker' ? 'docker.io' : command}).` : error.message)),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve(output);
      const lines = output.trimEnd().split('\n');
      reject(new BuildStepError(step, `${command} exited with ${code}. Last lines:\n${lines.slice(-tailLines).join('\n')}`));
    });
  });
}

/** Runs an in-process step (copying, hashing), naming it in any error. */
export async function inStep<T>(step: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BuildStepError) throw error;
    throw new BuildStepError(step, error instanceof Error ? error.message : String(error));
  }
}
