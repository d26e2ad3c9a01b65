/**
 * Sign-in, as Jupyter does it, so that only the learner's own browser gets the terminal: at launch
 * the server makes a sign-in token and prints `http://127.0.0.1:PORT/#sign-in=<token>`. The token
 * sits in the URL fragment, which browsers never send to a server (no logs, no Referer); a small
 * script on every page POSTs it to `/api/session` in a JSON body, and the answer is a session
 * cookie (HttpOnly, SameSite=Strict). Pages receive the launch secret, the terminal upgrade and
 * the API are served, only for requests that carry that cookie. Another local process or user can
 * GET a page, forge Origin and Host, but has neither the printed link nor the cookie.
 *
 * Each token signs in one browser only: the first use spends it (a token someone read later, from
 * a process list or over a shoulder, is worth nothing). Another browser needs a fresh link:
 * `ecs-workbook link` (fresh-sign-in-link.ts). Only the tests' fixed token can be used again.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFreshLinkToken, spendFreshLinkToken } from './fresh-sign-in-link.ts';
import { sendJson } from './json-http.ts';
import type { RequestGuard } from './request-guard.ts';
import { sameSecret } from './terminal/credentials.ts';

export const sessionPath = '/api/session';


export interface SignIn {
  /** The token that the printed link carries after `#sign-in=`. */
  token: string;
  /** The cookie's name; it names the port, since browsers share cookies across a host's ports. */
  cookieName: string;
  /** `http://HOST:PORT/#sign-in=<token>`: the link `npm start` prints and opens. */
  link(baseUrl: string): string;
  /** Whether the request carries this launch's session cookie. */
  isSignedIn(req: IncomingMessage): boolean;
  /** A new one-time token for another browser (what `ecs-workbook link` gets through the data folder). */
  freshToken(): string;
  /** Answers `POST /api/session` {token}: sets the cookie, or refuses. */
  handleSignIn(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface SignInOptions {
  /** This launch's sign-in token (src/config.ts: random, or fixed by the environment for tests). */
  token: string;
  /**
   * Whether the token may sign in more than one browser: only a token fixed for tests and
   * automation, which sign in many browser contexts. A real one signs in one browser.
   */
  reusable?: boolean;
  /** Where `ecs-workbook link` leaves fresh tokens (the learner's data folder). */
  dataDir?: string;
}

export function createSignIn(guard: RequestGuard, port: number, options: SignInOptions): SignIn {
  const { token, reusable = false, dataDir } = options;
  const sessionValue = randomBytes(32).toString('base64url');
  const cookieName = `ecs-workbook-session-${port}`;
  const unspent = new Set([token]);
  const spent = new Set<string>();

  /** Every value sent under our cookie's name: another local origin may plant a same-named one. */
  const cookiesOf = (req: IncomingMessage): string[] => {
    const values: string[] = [];
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === cookieName) values.push(part.slice(eq + 1).trim());
    }
    return values;
  };

  /** Accepts a token once: this launch's, one made by `freshToken`, or one `ecs-workbook link` left. */
  const spend = (given: string): 'ok' | 'spent' | 'wrong' => {
    for (const candidate of unspent) {
      if (!sameSecret(given, candidate)) continue;
      if (!reusable || candidate !== token) {
        unspent.delete(candidate);
        spent.add(candidate);
      }
      return 'ok';
    }
    const fresh = dataDir ? readFreshLinkToken(dataDir, port) : undefined;
    if (fresh && sameSecret(given, fresh)) {
      spendFreshLinkToken(dataDir!, port);
      spent.add(fresh);
      return 'ok';
    }
    for (const used of spent) if (sameSecret(given, used)) return 'spent';
    return 'wrong';
  };

  // Any match counts: a planted cookie with a longer path comes first and must not lock the learner out.
  const isSignedIn = (req: IncomingMessage) => cookiesOf(req).some((value) => sameSecret(value, sessionValue));

  return {
    token,
    cookieName,
    link: (baseUrl) => `${baseUrl.replace(/\/?$/, '/')}#sign-in=${token}`,
    isSignedIn,
    freshToken() {
      const fresh = randomBytes(32).toString('base64url');
      unspent.add(fresh);
      return fresh;
    },
    async handleSignIn(req, res) {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'Sign in with POST /api/session and a JSON body {"token": "…"}.' }, { allow: 'POST' });
      // Only our own pages may sign in: a foreign page must not plant a session in the browser.
      if (!guard.isAllowedOrigin(req)) return sendJson(res, 403, { error: `Sign in from the workbook's own pages (Origin ${[...guard.allowedOrigins].join(' or ')}).` });
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') return sendJson(res, 415, { error: 'Send JSON with "Content-Type: application/json".' });
      let text = '';
      for await (const chunk of req) {
        text += chunk;
        if (text.length > 4096) return sendJson(res, 413, { error: 'The sign-in request is too large.' });
      }
      let given: unknown;
      try {
        given = (JSON.parse(text) as { token?: unknown }).token;
      } catch {
        given = undefined;
      }
      // The same browser opened its link again (a reload, a bookmark): signed in already, nothing spent.
      if (isSignedIn(req)) return sendJson(res, 200, { signedIn: true });
      const verdict = typeof given === 'string' ? spend(given) : 'wrong';
      if (verdict === 'spent') {
        return sendJson(res, 403, { error: 'This sign-in link was already used by a browser. To sign in another browser, run npx ecs-workbook link in the project folder (or ecs-workbook link in the workbook terminal) and open the link it prints.' });
      }
      if (verdict === 'wrong') {
        return sendJson(res, 403, { error: 'This sign-in link is not valid (the workbook may have been restarted). Open the link that npm start printed last; it ends in #sign-in=…, or get a fresh one with npx ecs-workbook link.' });
      }
      sendJson(res, 200, { signedIn: true }, { 'set-cookie': `${cookieName}=${sessionValue}; HttpOnly; SameSite=Strict; Path=/` });
    },
  };
}
