/** Docker engine calls for observers: like `capture()`, but keeping the engine's HTTP status (404 = not there). */
import { request } from 'node:http';
import type { CapturedError, Observed } from '../check-contract.ts';

export async function captureDocker<T>(call: Promise<T>): Promise<Observed<T>> {
  try {
    return await call;
  } catch (thrown) {
    const error = thrown as { message?: string; code?: string; statusCode?: number; reason?: string };
    const captured: CapturedError = {
      $error: {
        name: error.statusCode === 404 ? 'NotFound' : error.code ?? 'DockerError',
        message: (error.reason ?? error.message ?? String(thrown)).slice(0, 500),
        ...(error.statusCode !== undefined && { httpStatusCode: error.statusCode }),
        ...(error.code && { code: error.code }),
      },
    };
    return captured;
  }
}

export interface HttpProbe {
  url: string;
  status?: number;
  /** The first characters of the body. */
  body?: string;
  /** ECONNREFUSED, ECONNRESET (also an empty reply), TIMEOUT, … */
  error?: string;
}

/** One GET with a short timeout; never throws. Loopback only: it probes the learner's mapped port. */
export function probeHttp(url: string, timeoutMs = 3000): Promise<HttpProbe> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 2000) body += chunk;
      });
      res.on('end', () => resolve({ url, status: res.statusCode ?? 0, body: body.slice(0, 2000) }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ url, status: res.statusCode ?? 0, error: error.code ?? 'ERROR' }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ url, error: error.code ?? error.message }));
    req.end();
  });
}
