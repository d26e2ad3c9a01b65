import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { courseChecks } from '../../checks/index.ts';
import type { CourseChecks } from '../checks/course-checks.ts';
import { createChecksFeature } from './checks-feature.ts';
import { createRequestGuard, type RequestGuard } from './request-guard.ts';
import { readConfig, type Config } from '../config.ts';
import { createSignIn, sessionPath, type SignIn } from './sign-in.ts';
import { dataDir } from '../settings/data-dir.ts';
import { writeCliLauncher } from '../sandbox/cli-launcher.ts';
import { createLocalSandbox } from '../sandbox/local-sandbox.ts';
import { soloCredentials } from './terminal/credentials.ts';
import { createTerminalFeature, type TerminalFeature, type TerminalFeatureOptions } from './terminal/terminal-feature.ts';
import { withHandSignals } from './room/hand-signal.ts';
import type { WorkbookFeature } from './feature.ts';
import type { SandboxProvider } from '../sandbox/sandbox-provider.ts';
import type { CheckRunner } from '../checks/check-runner.ts';
import type { ProgressStore } from '../progress/progress-store.ts';
import type { LiveEvents } from './live-events.ts';
import type { WorkbookLocals } from './workbook-locals.ts';
import { soloLearner, type ResolvePrincipal } from '../shared/principal.ts';

export interface WorkbookConfig {
  host: string;
  port: number;
  /** Served over HTTPS (a workshop with a certificate): the Origins browsers send start with https. */
  tls?: boolean;
  /** Progress store folder; default the configured one, else the user's data folder. */
  dataDir?: string;
  /** What the environment configures (src/config.ts); read from process.env when not given. */
  configuration?: Config;
  /**
   * Terminal timings and limits (tests shorten them); defaults suit a learner. A workshop also
   * gives its credentials (`authenticate`: an instructor may watch any learner), `mayControl`, and
   * room for every learner's tabs (`maxConnections`).
   */
  terminal?: Partial<Pick<TerminalFeatureOptions, 'helloTimeoutMs' | 'heartbeatMs' | 'idleMs' | 'limits' | 'authenticate' | 'mayControl' | 'maxConnections'>>;
  /**
   * A request that is not a stream and has no answer after this long gets a 503 (default 90 s:
   * longer than a check's own time limit plus the identity lookup before it).
   */
  requestTimeoutMs?: number;
  /**
   * Who a request is (the edge). Default, solo mode: a browser holding this launch's sign-in cookie
   * is the one local learner. A workshop sign-in gives its own, resolving one principal per learner.
   */
  resolvePrincipal?: ResolvePrincipal;
  /** The course's checks and texts; default this repository's course (`checks/index.ts`). */
  checks?: CourseChecks;
  /** Where learners' shells run; default this machine (solo mode). A workshop gives one sandbox per learner. */
  sandbox?: SandboxProvider;
  /** Where a learner's checks run; default this process. A workshop runs them in the learner's sandbox. */
  checkRunnerFor?: (learner: string) => CheckRunner;
  /**
   * More parts of the server (a workshop's join page, the instructor's room), built from the
   * workbook's own store and live events. They are asked before the built-in ones.
   */
  features?: (parts: WorkbookParts) => WorkbookFeature[];
}

/** What a plugged-in feature may build on: the one store and the one live-event hub. */
export interface WorkbookParts {
  guard: RequestGuard;
  store: ProgressStore;
  live: LiveEvents;
  dataDir: string;
  launchSecret: string;
  /** Calls `listener` with the learner whenever their shell prints `ecs-workbook hand`'s signal. */
  onHandSignal(listener: (learner: string) => void): void;
  /** The learner's terminal screen as plain text, or undefined when no shell of theirs runs. */
  screenText(learner: string): Promise<string | undefined>;
}

export interface Workbook {
  config: WorkbookConfig;
  /** The data folder in use: progress, the CLI launcher, the browser's redirect page. */
  dataDir: string;
  guard: RequestGuard;
  /** The sign-in token, its link and the session cookie check. */
  signIn: SignIn;
  /** This launch's terminal secret (server memory; pages get it through `localsFor`). */
  launchSecret: string;
  /**
   * What a page rendered for this request gets as `Astro.locals.workbook`: the launch secret only
   * when the request carries this launch's session cookie (the browser signed in).
   */
  localsFor(req: IncomingMessage): WorkbookLocals;
  /** Answers what the workbook serves itself; calls `next` for everything Astro renders. */
  handleRequest(req: IncomingMessage, res: ServerResponse, next: () => void | Promise<void>): Promise<void>;
  /** Handles WebSocket upgrades for our paths; returns false for others (Vite's HMR in dev). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

/**
 * Sent on every response, pages and API alike: no other site may frame the workbook (a framed page
 * could be clickjacked into pressing Run), no content sniffing, and no Referer leaves a page.
 */
export const securityHeaders: Record<string, string> = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const defaultRequestTimeoutMs = 90_000;

/** Streams (server-sent events) stay open by design; every other answer has a deadline. */
function isStream(res: ServerResponse): boolean {
  return String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
}

/**
 * Answers a request whose handler failed or ran out of time: a 5xx when nothing was sent yet,
 * else the connection is cut so the client sees the answer broke off. Never throws.
 */
function failRequest(res: ServerResponse, status: number, message: string) {
  try {
    if (res.writableEnded || res.destroyed) return;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
    res.end(`${message}\n`);
  } catch {
    res.destroy();
  }
}

/** A raw HTTP answer on an upgrade socket, which has no ServerResponse. Never throws. */
function refuseRawUpgrade(socket: Duplex, status: number, message: string) {
  const body = `${message}\n`;
  try {
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : 'Internal Server Error'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    else socket.destroy();
  } catch {
    socket.destroy();
  }
}

/** Whether every %-escape in the path decodes (`/%E0%A4%A` does not, and would throw later). */
function hasValidEscapes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function refuse(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}

export function createWorkbook(config: WorkbookConfig): Workbook {
  const guard = createRequestGuard(config.host, config.port, [], config.tls ? 'https' : 'http');
  const requestTimeoutMs = config.requestTimeoutMs ?? defaultRequestTimeoutMs;
  const launchSecret = randomBytes(32).toString('base64url');
  // The environment is read here, once, for the server under `npm start` and `astro dev` alike.
  const configuration = config.configuration ?? readConfig();
  const dataFolder = config.dataDir ?? dataDir(configuration.dataDir);
  const checks = createChecksFeature(guard, {
    checks: config.checks ?? courseChecks,
    dataDir: dataFolder,
    ...(configuration.checkTimeoutMs && { checkTimeoutMs: configuration.checkTimeoutMs }),
    ...(configuration.workspace && { workspace: configuration.workspace }),
    ...(!config.resolvePrincipal && { warm: [soloLearner.id] }),
    ...(config.checkRunnerFor && { runnerFor: config.checkRunnerFor }),
  });
  const signIn = createSignIn(guard, config.port, { token: configuration.signInToken, reusable: configuration.signInTokenFixed, dataDir: dataFolder });
  const resolveAtEdge: ResolvePrincipal = config.resolvePrincipal ?? ((req) => (signIn.isSignedIn(req) ? soloLearner : undefined));
  // Once per request: the pipeline and the page it renders (through localsFor) ask for the same one.
  const resolved = new WeakMap<IncomingMessage, ReturnType<ResolvePrincipal>>();
  const resolvePrincipal: ResolvePrincipal = (req) => {
    if (!resolved.has(req)) resolved.set(req, resolveAtEdge(req));
    return resolved.get(req);
  };
  const localsFor = (req: IncomingMessage): WorkbookLocals => {
    const principal = resolvePrincipal(req);
    // Pages show a learner's own progress and values; an instructor has none of their own.
    const learner = principal?.kind === 'learner' ? principal.id : undefined;
    if (!principal) {
      // Another local process or user may fetch pages: it learns neither the learner's progress
      // nor their account id (commands show the {{accountId}} placeholder instead). A solo page
      // still shows the one learner's names, which are no secret; a workshop page shows nobody's.
      return {
        signedIn: false,
        stepStatuses: () => ({}),
        variables: () => {
          if (config.resolvePrincipal) return {};
          const { accountId: _accountId, ...rest } = checks.variables(soloLearner.id);
          return rest;
        },
      };
    }
    // Read once per page: every Step, the sidebar and the home page ask, and they must agree.
    let statuses: ReturnType<WorkbookLocals['stepStatuses']> | undefined;
    return {
      signedIn: true,
      principal,
      launchSecret,
      ...(configuration.testPendingDelays && { testPendingDelays: configuration.testPendingDelays }),
      stepStatuses: () => (statuses ??= learner ? checks.stepStatuses(learner) : {}),
      variables: () => (learner ? checks.variables(learner) : {}),
    };
  };
  // The room's tools hear `ecs-workbook hand` in a learner's shell output, and read their screen.
  const handListeners: ((learner: string) => void)[] = [];
  let terminal: TerminalFeature | undefined;
  const features: WorkbookFeature[] = [
    ...(config.features?.({
      guard,
      store: checks.store,
      live: checks.live,
      dataDir: dataFolder,
      launchSecret,
      onHandSignal: (listener) => handListeners.push(listener),
      screenText: async (learner) => terminal?.sessions.get(learner)?.screenText(),
    }) ?? []),
    checks.feature,
  ];
  terminal = createTerminalFeature({
    guard,
    authenticate: soloCredentials(launchSecret),
    sandbox: withHandSignals(config.sandbox ?? createLocalSandbox({ workspace: (learner) => checks.variables(learner).workspace ?? configuration.workspace, launcher: writeCliLauncher(dataFolder) }), (learner) => {
      for (const listener of handListeners) listener(learner);
    }),
    idleMs: configuration.terminalIdleMs,
    ...config.terminal,
  });
  features.push(terminal);

  return {
    config,
    dataDir: dataFolder,
    guard,
    signIn,
    launchSecret,
    localsFor,
    async handleRequest(req, res, next) {
      // The one guarded entry for every request: whatever a handler throws, and however long it
      // takes, the client gets an answer and the process (with the learner's shell) lives on.
      const timer = setTimeout(() => {
        if (!isStream(res)) failRequest(res, 503, 'The workbook took too long to answer this request. Try again; if it keeps happening, restart the workbook.');
      }, requestTimeoutMs);
      timer.unref();
      res.once('close', () => clearTimeout(timer));
      // A late write to an answer that already ended (after the timeout's 503) costs that answer only.
      res.on('error', () => res.destroy());
      try {
        await answer(req, res, next);
      } catch (error) {
        console.error('A request failed:', error);
        failRequest(res, 500, `The workbook failed to answer: ${(error as Error)?.message ?? String(error)}`);
      }
    },
    handleUpgrade(req, socket, head) {
      // A client may reset the connection while we refuse it; that must cost only this socket.
      socket.on('error', () => socket.destroy());
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://upgrade.invalid');
      } catch {
        refuseRawUpgrade(socket, 400, 'The address of this request is not valid.');
        return true;
      }
      try {
        const principal = resolvePrincipal(req);
        return features.some((feature) => feature.handleUpgrade?.(req, socket, head, url, principal) ?? false);
      } catch (error) {
        console.error('An upgrade failed:', error);
        refuseRawUpgrade(socket, 500, 'The workbook failed to answer this connection.');
        return true;
      }
    },
    async close() {
      await Promise.all(features.map((feature) => feature.close?.()));
    },
  };

  async function answer(req: IncomingMessage, res: ServerResponse, next: () => void | Promise<void>) {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    if (!guard.isAllowedHost(req)) {
      // A page that reached us through DNS rebinding carries its own name in Host.
      refuse(res, 403, `ECS Workbook answers only at ${[...guard.allowedHosts].join(', ')}. Open http://127.0.0.1:${config.port}/ instead.`);
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    } catch {
      refuse(res, 400, 'The address of this request is not valid. Check the link.');
      return;
    }
    if (!hasValidEscapes(url.pathname)) {
      refuse(res, 400, `The address ${url.pathname} is not valid: each % must be followed by two hexadecimal digits that form UTF-8. Check the link.`);
      return;
    }
    if (url.pathname === sessionPath) {
      await signIn.handleSignIn(req, res);
      return;
    }
    // The edge: who is asking, resolved once; everything below acts for this principal.
    const principal = resolvePrincipal(req);
    const instructorPath = url.pathname === '/api/instructor' || url.pathname.startsWith('/api/instructor/');
    if ((instructorPath && principal?.kind !== 'instructor') || (url.pathname === '/api/events/all' && !principal)) {
      // The instructor's routes (the room and its tools, one prefix) are refused outright to anyone
      // else, unknown paths included, so a learner learns nothing of them; each route checks again.
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: 'The instructor\'s room is only for the instructor. Open the instructor\'s sign-in link that ecs-workbook workshop printed.' }));
      return;
    }
    if (url.pathname.startsWith('/api/') && !principal) {
      // Progress, settings and checks belong to the learner's own browser only.
      res.writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: 'This browser is not signed in to the workbook. Open the link that npm start printed; it ends in #sign-in=….' }));
      return;
    }
    for (const feature of features) {
      if (await feature.handleRequest?.(req, res, url, principal)) return;
    }
    if (url.pathname.startsWith('/api/')) {
      refuse(res, 404, `No API at ${url.pathname}.`);
      return;
    }
    await next();
  }
}
