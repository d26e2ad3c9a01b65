/**
 * A running workshop, composed: the workshop's store (its id, event code and learners), the Docker
 * sandbox provider on the workshop's own network, the workbook server with the workshop's edge
 * (learner cookies, the instructor's sign-in link) and its join feature, over HTTP on loopback or
 * HTTPS with the instructor's certificate. The lesson pages are the solo ones; each learner's
 * terminal is a shell in their own sandbox.
 */
import type Docker from 'dockerode';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createDockerSandboxProvider, type DockerSandboxProvider } from '../sandbox/docker-provider.ts';
import type { SandboxLimits } from '../sandbox/sandbox-container.ts';
import { serveWorkbook } from '../server/serve-workbook.ts';
import { createWorkbook, type Workbook, type WorkbookConfig } from '../server/workbook.ts';
import { createControlGrants } from '../instructor/control-grants.ts';
import { instructorCredentials } from '../instructor/instructor-credentials.ts';
import { createInstructorRoom } from '../instructor/instructor-feature.ts';
import { courseChecks } from '../../checks/index.ts';
import { createRoomTools, type RoomTools } from '../server/room/room-feature.ts';
import { armStoredDeadlines, followDeadlineChanges } from './room-deadlines.ts';
import { createJoinFeature, joinPageFor } from './join-feature.ts';
import { startSandboxLifecycle, type SandboxLifecycle } from './sandbox-lifecycle.ts';
import { createQueueNotices, withStartNotices } from './starting-shell.ts';
import { buildPagesIfStale } from './workshop-pages.ts';
import { workbookPages } from '../server/workbook-pages.ts';
import { openWorkshopRoster, type WorkshopRoster } from './workshop-roster.ts';
import { createWorkshopSignIn } from './workshop-sign-in.ts';
import type { WorkshopOptions } from './workshop-options.ts';

export interface StartWorkshopOptions extends Omit<WorkshopOptions, 'json' | 'rebuild' | 'stuckAfterMinutes'> {
  /** The room counts a learner stuck after failing a step this many minutes (default 10; --stuck-after). */
  stuckAfterMinutes?: number;
  /** The sandbox image's tag (sandbox/image/build-image.ts made or found it). */
  image: string;
  /** The project folder: its built pages (dist/) are served. */
  root: string;
  /** The certificate and key's PEM text, read by the command (tlsCert/tlsKey name the files). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  docker?: Docker;
  limits?: Partial<SandboxLimits>;
  maxConcurrentStarts?: number;
  /** Terminal timings (tests shorten them). */
  terminal?: WorkbookConfig['terminal'];
  /** No input, Check or visible page for this long pauses a learner's sandbox (default 20 min). */
  idleMs?: number;
  /** The workshop ended (`workshop stop` or the time limit) and removed its sandboxes; default: close and exit. */
  onEnded?(why: 'stop' | 'time-limit'): void | Promise<void>;
  log?: (line: string) => void;
}

export interface RunningWorkshop {
  joinUrl: string;
  eventCode: string;
  /** The instructor's one-time sign-in link. */
  instructorUrl: string;
  /** The base address, e.g. https://workshop.example.com:4322 */
  url: string;
  workbook: Workbook;
  provider: DockerSandboxProvider;
  roster: WorkshopRoster;
  server: Server;
  /** Idle pause, checks in sandboxes, the stop control and the time limit (sandbox-lifecycle.ts). */
  lifecycle: SandboxLifecycle;
  /** Stops serving; the sandboxes stay, so a restarted server finds them again. */
  close(): Promise<void>;
}

export async function startWorkshop(options: StartWorkshopOptions): Promise<RunningWorkshop> {
  const log = options.log ?? ((line: string) => console.log(line));
  buildPagesIfStale(options.root, log);
  const roster = openWorkshopRoster(options.dataDir);
  const notices = createQueueNotices();
  let provider: DockerSandboxProvider;
  try {
    provider = await createDockerSandboxProvider({
      workshop: roster.identity.id,
      image: options.image,
      ...(options.docker && { docker: options.docker }),
      ...(options.limits && { limits: options.limits }),
      ...(options.maxConcurrentStarts && { maxConcurrentStarts: options.maxConcurrentStarts }),
      onQueue: (learner, ahead) => notices.tell(learner, ahead),
    });
  } catch (error) {
    roster.close();
    throw error;
  }

  const scheme = options.tls ? 'https' : 'http';
  const displayHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `${scheme}://${displayHost}:${options.port}`;
  const language = (learner: string) => roster.get(learner)?.language ?? 'en';
  // The lifecycle: sandboxes of known learners adopted and the rest swept (a restart after a
  // crash), idle pause and resume, checks inside each learner's sandbox, `workshop stop` and the
  // time limit, which remove every sandbox, network and volume (progress stays in the store).
  let running: RunningWorkshop | undefined;
  const lifecycle = await startSandboxLifecycle({
    provider,
    learners: { ids: () => roster.ids(), language },
    dataDir: options.dataDir,
    url,
    timeLimitMs: options.timeLimitMs,
    ...(options.idleMs && { idleMs: options.idleMs }),
    ...(options.docker && { docker: options.docker }),
    async onEnded(why, removed) {
      log(`The workshop ended (${why === 'stop' ? 'workshop stop' : 'its time limit'}): removed ${removed.length} sandboxes, volumes and networks. Progress stays in ${options.dataDir}.`);
      if (options.onEnded) return options.onEnded(why);
      await running?.close();
      process.exit(0);
    },
  }).catch((error) => {
    roster.close();
    throw error;
  });
  if (lifecycle.recovery.adopted.length > 0 || lifecycle.recovery.removed.length > 0) {
    log(`Found ${lifecycle.recovery.adopted.length} learners' sandboxes from before; removed ${lifecycle.recovery.removed.length} the store does not know.`);
  }

  let workbook: Workbook | undefined;
  let tools: RoomTools | undefined;
  const grants = createControlGrants({ dataDir: options.dataDir });
  const signIn = createWorkshopSignIn({
    roster,
    port: options.port,
    secure: !!options.tls,
    // The instructor signs in with the workbook's own one-time link; the workbook exists by the first request.
    isInstructor: (req) => workbook?.signIn.isSignedIn(req) ?? false,
  });
  workbook = createWorkbook({
    host: options.host,
    port: options.port,
    tls: !!options.tls,
    dataDir: options.dataDir,
    resolvePrincipal: (req) => signIn.resolve(req),
    sandbox: withStartNotices(lifecycle.sandbox, notices, language),
    checkRunnerFor: lifecycle.checkRunnerFor,
    // Every learner's tabs (the solo default, 32 sockets for the whole server, would refuse a room);
    // the instructor may watch any learner's terminal, and typing into it needs the learner's grant.
    terminal: { maxConnections: options.learners * 4 + 8, ...options.terminal, authenticate: instructorCredentials(() => workbook!.launchSecret), mayControl: grants.mayControl },
    features: (parts) => [
      createJoinFeature({ guard: parts.guard, roster, signIn, store: parts.store, capacity: options.learners, prefixes: options.prefixes, scheme }),
      ...lifecycle.features(parts),
      // The room's tools: raised hands, broadcasts, reset, deadlines, export, pre-flight.
      (tools = createRoomTools(parts, {
        checks: courseChecks,
        nameOf: (id) => roster.get(id)?.displayName,
        learners: () => [...roster.ids()],
        resetSandbox: (learner) => provider.reset(learner).then(() => {}),
        // An instructor who extends the workshop moves its end; one learner's extension moves theirs.
        onDeadlineChanged: followDeadlineChanges(lifecycle),
      })),
      // The instructor's room (/instructor): the workshop's learners by their display names.
      createInstructorRoom({
        parts,
        grants,
        // One read-only view of the progress for the grid and the tools' export.
        reader: tools.reader,
        learners: () => [...roster.ids()],
        learnerName: (id) => roster.get(id)?.displayName ?? id,
        handRaised: (id) => tools?.store.queue().some((hand) => hand.learner === id) ?? false,
        stuckAfterMinutes: options.stuckAfterMinutes,
      }),
    ],
  });
  // The time limit counts from the workshop's first start and survives restarts (the stored deadlines).
  if (options.timeLimitMs) armStoredDeadlines(lifecycle, tools!.store, roster.ids(), options.timeLimitMs);
  const server: Server = options.tls ? (createHttpsServer({ cert: options.tls.cert, key: options.tls.key }) as unknown as Server) : createHttpServer();
  serveWorkbook(server, workbook, await workbookPages(options.root, workbook));

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE' ? `Port ${options.port} is in use. Start on another port: --port ${options.port + 1}`
        : error.code === 'EACCES' ? `Port ${options.port} needs privileges. Use a port above 1023, such as --port 4322.`
        : error.code === 'EADDRNOTAVAIL' ? `This machine has no address ${options.host}. Give one of its own addresses with --host.`
        : `Could not listen on ${options.host}:${options.port}: ${error.message}`;
      reject(new Error(why));
    });
    server.listen(options.port, options.host, resolve);
  }).catch(async (error) => {
    lifecycle.close();
    await workbook!.close();
    roster.close();
    throw error;
  });

  // Warm sandboxes in the background: the server answers joins meanwhile.
  provider.warm(options.warm).catch((error: Error) => log(`Could not start the warm sandboxes: ${error.message}`));

  running = {
    joinUrl: `${url}${joinPageFor('en')}`,
    eventCode: roster.identity.eventCode,
    instructorUrl: workbook.signIn.link(`${url}/en/`),
    url,
    workbook,
    provider,
    roster,
    server,
    lifecycle,
    async close() {
      // Sandboxes stay (a start with the same --data-dir adopts them); `workshop stop` removes them.
      lifecycle.close();
      await workbook!.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      roster.close();
    },
  };
  return running;
}
