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
import { writeCliLauncher } from './terminal/cli-launcher.ts';
import { soloCredentials } from './terminal/credentials.ts';
import { localShellSpawner } from './terminal/local-shell.ts';
import { createTerminalFeature, type TerminalFeatureOptions } from './terminal/terminal-feature.ts';
import type { WorkbookFeature } from './feature.ts';
import type { WorkbookLocals } from './workbook-locals.ts';

export interface WorkbookConfig {
  host: string;
  port: number;
  /** Progress store folder; default the configured one, else the user's data folder. */
  dataDir?: string;
  /** What the environment configures (src/config.ts); read from process.env when not given. */
  configuration?: Config;
  /** Terminal timings and limits (tests shorten them); defaults suit a learner. */
  terminal?: Partial<Pick<TerminalFeatureOptions, 'helloTimeoutMs' | 'heartbeatMs' | 'idleMs' | 'limits'>>;
  /** The course's checks and texts; default this repository's course (`checks/index.ts`). */
  checks?: CourseChecks;
}

export interface Workbook {
  config: WorkbookConfig;
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
  handleRequest(req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void>;
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
  const guard = createRequestGuard(config.host, config.port);
  const launchSecret = randomBytes(32).toString('base64url');
  // The environment is read here, once, for the server under `npm start` and `astro dev` alike.
  const configuration = config.configuration ?? readConfig();
  const dataFolder = config.dataDir ?? dataDir(configuration.dataDir);
  const checks = createChecksFeature(guard, {
    checks: config.checks ?? courseChecks,
    dataDir: dataFolder,
    ...(configuration.checkTimeoutMs && { checkTimeoutMs: configuration.checkTimeoutMs }),
    ...(configuration.workspace && { workspace: configuration.workspace }),
  });
  const signIn = createSignIn(guard, config.port, configuration.signInToken);
  const localsFor = (req: IncomingMessage): WorkbookLocals => {
    const signedIn = signIn.isSignedIn(req);
    // Read once per page: every Step, the sidebar and the home page ask, and they must agree.
    let statuses: ReturnType<WorkbookLocals['stepStatuses']> | undefined;
    return {
      signedIn,
      ...(signedIn && { launchSecret }),
      ...(configuration.testPendingDelays && { testPendingDelays: configuration.testPendingDelays }),
      stepStatuses: () => (statuses ??= checks.stepStatuses()),
      variables: checks.variables,
    };
  };
  const features: WorkbookFeature[] = [checks.feature];
  features.push(
    createTerminalFeature({
      guard,
      isSignedIn: signIn.isSignedIn,
      authenticate: soloCredentials(launchSecret),
      spawnShell: localShellSpawner({ workspace: () => checks.variables().workspace ?? configuration.workspace, launcher: writeCliLauncher(dataFolder) }),
      idleMs: configuration.terminalIdleMs,
      ...config.terminal,
    }),
  );

  return {
    config,
    guard,
    signIn,
    launchSecret,
    localsFor,
    async handleRequest(req, res, next) {
      for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
      if (!guard.isAllowedHost(req)) {
        // A page that reached us through DNS rebinding carries its own name in Host.
        refuse(res, 403, `ECS Workbook answers only at ${[...guard.allowedHosts].join(', ')}. Open http://127.0.0.1:${config.port}/ instead.`);
        return;
      }
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (!hasValidEscapes(url.pathname)) {
        refuse(res, 400, `The address ${url.pathname} is not valid: each % must be followed by two hexadecimal digits that form UTF-8. Check the link.`);
        return;
      }
      if (url.pathname === sessionPath) {
        await signIn.handleSignIn(req, res);
        return;
      }
      if (url.pathname.startsWith('/api/') && !signIn.isSignedIn(req)) {
        // Progress, settings and checks belong to the learner's own browser only.
        res.writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ error: 'This browser is not signed in to the workbook. Open the link that `npm start` printed; it ends in #sign-in=….' }));
        return;
      }
      for (const feature of features) {
        if (await feature.handleRequest?.(req, res, url)) return;
      }
      if (url.pathname.startsWith('/api/')) {
        refuse(res, 404, `No API at ${url.pathname}.`);
        return;
      }
      next();
    },
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://upgrade.invalid');
      return features.some((feature) => feature.handleUpgrade?.(req, socket, head, url) ?? false);
    },
    async close() {
      await Promise.all(features.map((feature) => feature.close?.()));
    },
  };
}
