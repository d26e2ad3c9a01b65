/** Docker engine calls for observers: like `capture()`, but keeping the engine's HTTP status (404 = not there). */
import type { CapturedError, CheckContext, Observed } from '../check-contract.ts';

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

/** A GET to a port the Docker engine published, as recorded in a snapshot. */
export interface PortProbe {
  url: string;
  status?: number;
  /** The first characters of the body. */
  body?: string;
  /** ECONNREFUSED, EMPTY_REPLY (the connection closed without an answer), ETIMEDOUT, … */
  error?: string;
}

/**
 * Where the engine publishes ports (`docker run -p`): a remote engine's host (DOCKER_HOST
 * tcp:// or ssh://, such as a sandbox's own engine), else this machine's loopback.
 */
export function publishedPortHost(dockerHost: string | undefined): string {
  if (!dockerHost || !/^(tcp|ssh|https?):\/\//.test(dockerHost)) return '127.0.0.1';
  try {
    return new URL(dockerHost.replace(/^tcp:/, 'http:')).hostname || '127.0.0.1';
  } catch {
    return '127.0.0.1';
  }
}

/** One GET to a published port through the context's probe; never throws. */
export async function probePublishedPort(ctx: CheckContext, port: number): Promise<PortProbe> {
  const url = `http://${publishedPortHost(ctx.env.DOCKER_HOST)}:${port}/`;
  const answer = await ctx.http(url, { signal: ctx.signal, timeoutMs: 3000 });
  const code = answer.error?.code === 'UND_ERR_SOCKET' ? 'EMPTY_REPLY' : answer.error?.code ?? answer.error?.name;
  return { url, ...(answer.status !== undefined && { status: answer.status }), ...(answer.body !== undefined && { body: answer.body }), ...(code && { error: code }) };
}
