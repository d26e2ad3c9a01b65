import type { IncomingMessage } from 'node:http';
import { loopbackHosts } from './server-options.ts';

/**
 * Which Host headers and Origins the server answers. On loopback only `127.0.0.1:PORT`,
 * `localhost:PORT` and `[::1]:PORT`: a DNS-rebinding page reaches us with its own name in Host and
 * is refused, and a foreign page's WebSocket carries its own Origin and is refused.
 */
export interface RequestGuard {
  allowedHosts: Set<string>;
  allowedOrigins: Set<string>;
  isAllowedHost(req: IncomingMessage): boolean;
  isAllowedOrigin(req: IncomingMessage): boolean;
}

/** `scheme` is https when the server serves TLS (a workshop with --tls-cert): browsers then send https Origins. */
export function createRequestGuard(listenHost: string, port: number, extraHosts: string[] = [], scheme: 'http' | 'https' = 'http'): RequestGuard {
  const names = loopbackHosts.has(listenHost) ? ['127.0.0.1', 'localhost', '[::1]'] : [listenHost.includes(':') ? `[${listenHost}]` : listenHost];
  const allowedHosts = new Set([...names.map((name) => `${name}:${port}`), ...extraHosts]);
  const allowedOrigins = new Set([...allowedHosts].map((host) => `${scheme}://${host}`));
  return {
    allowedHosts,
    allowedOrigins,
    isAllowedHost: (req) => allowedHosts.has((req.headers.host ?? '').toLowerCase()),
    isAllowedOrigin: (req) => {
      const origin = req.headers.origin;
      return typeof origin === 'string' && allowedOrigins.has(origin.toLowerCase());
    },
  };
}
