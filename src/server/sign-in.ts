/**
 * Sign-in, as Jupyter does it, so that only the learner's own browser gets the terminal: at launch
 * the server makes a sign-in token and prints `http://127.0.0.1:PORT/#sign-in=<token>`. The token
 * sits in the URL fragment, which browsers never send to a server (no logs, no Referer); a small
 * script on every page POSTs it to `/api/session` in a JSON body, and the answer is a session
 * cookie (HttpOnly, SameSite=Strict). Pages receive the launch secret, the terminal upgrade and
 * the API are served, only for requests that carry that cookie. Another local process or user can
 * GET a page, forge Origin and Host, but has neither the printed link nor the cookie.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
  /** Answers `POST /api/session` {token}: sets the cookie, or refuses. */
  handleSignIn(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** `token` is this launch's sign-in token (src/config.ts: random, or fixed for tests). */
export function createSignIn(guard: RequestGuard, port: number, token: string): SignIn {
  const sessionValue = randomBytes(32).toString('base64url');
  const cookieName = `ecs-workbook-session-${port}`;

  const cookieOf = (req: IncomingMessage): string | undefined => {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === cookieName) return part.slice(eq + 1).trim();
    }
    return undefined;
  };

  return {
    token,
    cookieName,
    link: (baseUrl) => `${baseUrl.replace(/\/?$/, '/')}#sign-in=${token}`,
    isSignedIn(req) {
      const value = cookieOf(req);
      return value !== undefined && sameSecret(value, sessionValue);
    },
    async handleSignIn(req, res) {
      if (req.method !== 'POST') return json(res, 405, { error: 'Sign in with POST /api/session and a JSON body {"token": "…"}.' }, { allow: 'POST' });
      // Only our own pages may sign in: a foreign page must not plant a session in the browser.
      if (!guard.isAllowedOrigin(req)) return json(res, 403, { error: `Sign in from the workbook's own pages (Origin ${[...guard.allowedOrigins].join(' or ')}).` });
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') return json(res, 415, { error: 'Send JSON with "Content-Type: application/json".' });
      let text = '';
      for await (const chunk of req) {
        text += chunk;
        if (text.length > 4096) return json(res, 413, { error: 'The sign-in request is too large.' });
      }
      let given: unknown;
      try {
        given = (JSON.parse(text) as { token?: unknown }).token;
      } catch {
        given = undefined;
      }
      if (typeof given !== 'string' || !sameSecret(given, token)) {
        return json(res, 403, { error: 'This sign-in link is not valid (the workbook may have been restarted). Open the link that `npm start` printed last; it ends in #sign-in=….' });
      }
      json(res, 200, { signedIn: true }, { 'set-cookie': `${cookieName}=${sessionValue}; HttpOnly; SameSite=Strict; Path=/` });
    },
  };
}
