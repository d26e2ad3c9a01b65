/**
 * An HTTP GET the way the learner's browser would make it, with a short timeout, recorded as
 * JSON: the status and the start of the body, or the error code (ENOTFOUND, ECONNREFUSED, …).
 *
 * Checks reach it through `ctx.http` (see check-context.ts), never by calling fetch themselves:
 * a test points the probe at a loopback stand-in for a load balancer or a task's public IP, so
 * no test ever resolves or connects to a name outside this machine.
 */
export interface HttpProbe {
  url: string;
  status?: number;
  /** The first 500 characters of the body. */
  body?: string;
  error?: { name: string; code?: string; message: string };
}

export interface HttpProbeOptions {
  /** The check's signal: the probe ends when the check's time is up. */
  signal: AbortSignal;
  /** This probe's own limit (default 5 s). */
  timeoutMs?: number;
}

/** What `ctx.http` is: one GET that never throws. */
export type HttpProbeFunction = (url: string, options: HttpProbeOptions) => Promise<HttpProbe>;

export const probeHttp: HttpProbeFunction = async (url, { signal, timeoutMs = 5000 }) => {
  try {
    const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]), redirect: 'manual' });
    const body = (await response.text()).slice(0, 500);
    return { url, status: response.status, body };
  } catch (thrown) {
    const error = thrown as Error & { cause?: { code?: string; message?: string } };
    const code = error.cause?.code ?? (error.name === 'TimeoutError' ? 'ETIMEDOUT' : undefined);
    return { url, error: { name: error.name, ...(code && { code }), message: error.cause?.message ?? error.message } };
  }
};
