/**
 * Processes in a sandbox container through `docker exec`: an interactive shell on a tty, and a
 * bounded command without one. Docker has no API to kill an exec'd process, so each records its
 * pid in a file at start and is ended by a second exec that kills its session (`pkill -s`). Both
 * run as the learner, so that second exec can never touch the sandbox's own engine (root's).
 */
import { randomUUID } from 'node:crypto';
import { PassThrough, type Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { ExecOptions, ExecResult } from './sandbox-provider.ts';
import type { ShellProcess, ShellSize } from './shell-process.ts';

export const learnerUser = 'learner';
const learnerHome = '/home/learner';
const workDir = `${learnerHome}/work`;
const maxExecOutput = 8 * 1024 * 1024;

const pidFile = (id: string) => `/tmp/.ecsw-${id}.pid`;

/** Kills every process of the session whose leader wrote `id`'s pid file. */
async function killSession(container: Docker.Container, id: string, signal: 'HUP' | 'KILL'): Promise<void> {
  const exec = await container.exec({
    Cmd: ['sh', '-c', `f=${pidFile(id)}; [ -s "$f" ] && pkill -${signal} -s "$(cat "$f")"; [ ${signal} = KILL ] && rm -f "$f"; true`],
    User: learnerUser,
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
    stream.resume();
  });
}

/** The exec's exit code once the engine has noted its end (a moment after its stream closes). */
async function exitCodeOf(exec: Docker.Exec): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const info = await exec.inspect().catch(() => undefined);
    if (!info) return -1;
    if (!info.Running) return info.ExitCode ?? -1;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return -1;
}

/** A login shell as the learner on a tty of `size`. */
export async function openExecShell(container: Docker.Container, size: ShellSize, env: Record<string, string> = {}): Promise<ShellProcess> {
  const id = randomUUID();
  // A tty exec is a session leader, so its pid is the session's id: `pkill -s` ends its jobs too.
  const exec = await container.exec({
    Cmd: ['sh', '-c', `echo $$ > ${pidFile(id)}; exec bash -l`],
    User: learnerUser,
    WorkingDir: workDir,
    Env: Object.entries({ TERM: 'xterm-256color', HOME: learnerHome, ...env }).map(([key, value]) => `${key}=${value}`),
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
  });
  // Without hijack and stdin, what the learner types never reaches the shell.
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  const dataListeners: Array<(chunk: Uint8Array) => void> = [];
  const exitListeners: Array<(code: number) => void> = [];
  let exitCode: number | undefined;
  let ended: Promise<void> | undefined;

  const finish = () => {
    ended ??= exitCodeOf(exec).then((code) => {
        exitCode = code;
        for (const listener of exitListeners) listener(code);
      });
    return ended;
  };
  // With a tty the stream is raw: no frame headers to strip.
  stream.on('data', (chunk: Buffer) => {
    for (const listener of dataListeners) listener(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  stream.on('end', finish);
  stream.on('close', finish);
  stream.on('error', finish);

  const resize = (cols: number, rows: number) => {
    // An exec that has just ended answers a resize with an error; the shell is gone anyway.
    exec.resize({ w: cols, h: rows }).catch(() => undefined);
  };
  resize(size.cols, size.rows);

  return {
    onData: (listener) => void dataListeners.push(listener),
    onExit: (listener) => {
      exitListeners.push(listener);
      if (exitCode !== undefined) listener(exitCode);
    },
    write: (data) => void stream.write(data),
    resize,
    pause: () => void stream.pause(),
    resume: () => void stream.resume(),
    kill: async () => {
      if (exitCode !== undefined) return;
      await killSession(container, id, 'HUP').catch(() => undefined);
      const gone = await Promise.race([finish().then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000))]);
      if (!gone) await killSession(container, id, 'KILL').catch(() => undefined);
      stream.destroy();
      await finish();
    },
  };
}

/** Runs `argv` as the learner without a tty; kills it after `timeoutMs`. */
export async function runExec(container: Docker.Container, docker: Docker, argv: readonly string[], options: ExecOptions): Promise<ExecResult> {
  if (argv.length === 0) throw new Error('exec needs a command');
  const id = randomUUID();
  // setsid makes the command a session leader whatever docker gives it, so a time-out kills all it started.
  const exec = await container.exec({
    Cmd: ['setsid', '-w', 'sh', '-c', `f=${pidFile(id)}; echo $$ > "$f"; "$@"; code=$?; rm -f "$f"; exit $code`, 'sh', ...argv],
    User: learnerUser,
    WorkingDir: workDir,
    Env: Object.entries({ HOME: learnerHome, ...options.env }).map(([key, value]) => `${key}=${value}`),
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  // Without a tty, docker frames stdout and stderr in one stream: split them.
  docker.modem.demuxStream(stream, stdout, stderr);
  const collect = (from: PassThrough) => {
    const chunks: Buffer[] = [];
    let size = 0;
    from.on('data', (chunk: Buffer) => {
      if (size < maxExecOutput) chunks.push(chunk);
      size += chunk.length;
    });
    return () => Buffer.concat(chunks).toString('utf8');
  };
  const out = collect(stdout);
  const err = collect(stderr);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killSession(container, id, 'KILL').catch(() => undefined);
  }, options.timeoutMs);
  try {
    await new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
  } finally {
    clearTimeout(timer);
  }
  const exitCode = timedOut ? -1 : await exitCodeOf(exec);
  return { exitCode, stdout: out(), stderr: err(), timedOut };
}
