/**
 * One bash process that keeps its variables and working folder between commands, like the
 * learner's terminal. Each command is sourced from a file with stdin from /dev/null, so a command
 * that reads stdin cannot swallow the next one. The shell leads its own process group, so an
 * interrupted rehearsal ends it and everything it started, and nothing else.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ShellResult { exitCode: number; output: string }

export class CourseShell {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly folder = mkdtempSync(join(tmpdir(), 'course-run-shell-'));
  private buffer = '';
  private count = 0;
  /** Each chunk of output as it comes, for a run that shows progress live. */
  onOutput: ((chunk: string) => void) | undefined;

  constructor(env: Record<string, string>, cwd: string) {
    this.child = spawn('bash', ['--noprofile', '--norc'], { env, cwd, detached: true });
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    const collect = (chunk: string) => {
      this.buffer += chunk;
      this.onOutput?.(chunk.replace(/\n?__WB_DONE_\d+__\d+\n/g, ''));
    };
    this.child.stdout.on('data', collect);
    this.child.stderr.on('data', collect);
  }

  run(command: string, timeoutMs = 120_000): Promise<ShellResult> {
    const file = join(this.folder, `command-${++this.count}.sh`);
    writeFileSync(file, `${command}\n`);
    const marker = `__WB_DONE_${this.count}__`;
    this.buffer = '';
    this.child.stdin.write(`source ${file} < /dev/null; printf '\\n${marker}%s\\n' "$?"\n`);
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const match = new RegExp(`\\n${marker}(\\d+)\\n`).exec(this.buffer);
        if (match) {
          clearInterval(poll);
          resolve({ exitCode: Number(match[1]), output: this.buffer.slice(0, match.index) });
        } else if (Date.now() - started > timeoutMs || this.child.exitCode !== null || this.child.signalCode !== null) {
          clearInterval(poll);
          reject(new Error(`command did not finish${Date.now() - started > timeoutMs ? ` within ${Math.round(timeoutMs / 1000)} s` : ''}: ${command}\n${this.buffer}`));
        }
      }, 20);
    });
  }

  close() {
    this.child.stdin.end();
    try {
      // The whole group: a `sleep` or `aws … wait` the shell is running ends with it.
      if (this.child.pid) process.kill(-this.child.pid, 'SIGTERM');
    } catch {
      this.child.kill();
    }
    rmSync(this.folder, { recursive: true, force: true });
  }
}
