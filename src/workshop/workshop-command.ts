/**
 * `ecs-workbook workshop`: checks what a workshop needs before anyone joins (the Docker engine, the
 * sandbox image, the certificate), starts the server, and prints the instructor's sign-in link, the
 * join address and the event code (or, with --json, one line of JSON for scripts).
 */
import { readFileSync } from 'node:fs';
import Docker from 'dockerode';
import { BuildStepError } from '../../sandbox/image/build-step.ts';
import { ensureSandboxImage } from '../../sandbox/image/build-image.ts';
import { loopbackHosts } from '../server/server-options.ts';
import { parseWorkshopOptions, type WorkshopOptions } from './workshop-options.ts';
import { startWorkshop, type RunningWorkshop } from './start-workshop.ts';

/** What stops a workshop from starting, said in one message with what to do; exit code 1. */
export class WorkshopStartError extends Error {
  override name = 'WorkshopStartError';
}

/** The Docker engine answers, or one line on how to start it. */
export async function checkDockerEngine(docker: Docker = new Docker()): Promise<void> {
  try {
    await docker.ping();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no Docker engine socket at /var/run/docker.sock' : (error as Error).message;
    throw new WorkshopStartError(`The Docker engine is not running (${why}): start it with "sudo systemctl start docker" (or install it: sudo apt-get install docker.io), then run the workshop again.`);
  }
}

function readPem(flag: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new WorkshopStartError(`${flag} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give the path of a readable PEM file.`);
  }
}

export async function runWorkshop(options: WorkshopOptions, root: string): Promise<RunningWorkshop> {
  // Progress goes to stderr with --json, so stdout carries the one JSON line only.
  const say = options.json ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const tls = options.tlsCert && options.tlsKey ? { cert: readPem('--tls-cert', options.tlsCert), key: readPem('--tls-key', options.tlsKey) } : undefined;
  await checkDockerEngine();
  say(options.rebuild ? 'Building the sandbox image (--rebuild)…' : 'Checking the sandbox image…');
  const image = await ensureSandboxImage({ rebuild: options.rebuild, log: options.rebuild ? say : undefined }).catch((error: Error) => {
    if (error instanceof BuildStepError) throw new WorkshopStartError(`${error.message}\nFix what the step "${error.step}" names, then run the workshop again (add --rebuild to build from scratch).`);
    throw error;
  });
  if (image.built) say(`Built the sandbox image ${image.tag} in ${image.seconds.toFixed(0)} s.`);
  let running: RunningWorkshop;
  try {
    running = await startWorkshop({ ...options, image: image.tag, root, ...(tls && { tls }), log: say });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_OSSL_PEM_NO_START_LINE' || /PEM|certificate|key values mismatch/i.test((error as Error).message)) {
      throw new WorkshopStartError(`The certificate or key cannot be used (${(error as Error).message}): give a PEM certificate with --tls-cert and its own private key with --tls-key.`);
    }
    throw new WorkshopStartError((error as Error).message);
  }

  if (!loopbackHosts.has(options.host) && !tls) {
    console.error(`Warning: --insecure-http: serving plain HTTP on ${options.host}. Anyone on this network can read event codes and learners' cookies, and take over their shells. Use it only on a network you trust; prefer --tls-cert and --tls-key.`);
  }
  if (options.json) {
    console.log(JSON.stringify({ joinUrl: running.joinUrl, eventCode: running.eventCode, instructorUrl: running.instructorUrl }));
  } else {
    console.log('');
    console.log(`The workshop is open for ${options.learners} learners (${options.warm} sandboxes kept ready; time limit ${Math.round(options.timeLimitMs / 60_000)} min).`);
    console.log(`  Learners open:   ${running.joinUrl}`);
    console.log(`  Event code:      ${running.eventCode}`);
    console.log(`  Your sign-in link (keep it private; it works once, in one browser):\n    ${running.instructorUrl}`);
    if (options.prefixes) console.log('  Each learner gets an AWS name prefix (--prefixes).');
    console.log('Press Ctrl-C to stop serving (sandboxes are kept, so starting again with the same --data-dir continues).');
  }

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return running;
}

/** The CLI entry: parses, then runs; the server keeps the process alive. */
export async function workshopCommand(argv: string[]): Promise<void> {
  await runWorkshop(parseWorkshopOptions(argv), process.cwd());
}
