/**
 * An HTTP GET the way the learner's browser would make it, with a short timeout, recorded as
 * JSON: the status and the start of the body, or the error code (ENOTFOUND, ECONNREFUSED, …).
 */
export interface HttpProbe {
  url: string;
  status?: number;
  /** The first 500 characters of the body. */
  body?: string;
  error?: { name: string; code?: string; message: string };
}

export async function probeHttp(url: string, signal: AbortSignal, timeoutMs = 5000): Promise<HttpProbe> {
  try {
    const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]), redirect: 'manual' });
    const body = (await response.text()).slice(0, 500);
    return { url, status: response.status, body };
  } catch (thrown) {
    const error = thrown as Error & { cause?: { code?: string; message?: string } };
    const code = error.cause?.code ?? (error.name === 'TimeoutError' ? 'ETIMEDOUT' : undefined);
    return { url, error: { name: error.name, ...(code && { code }), message: error.cause?.message ?? error.message } };
  }
}

/** Which version the sample app says it is: "version 2", "v2", or a `"version": 2` field. */
export function appVersion(body: string | undefined): number | undefined {
  // The sample app marks it: <strong id="version">2</strong>.
  const marked = body?.match(/id="version"[^>]*>\s*(\d+)/);
  if (marked) return Number(marked[1]);
  const match = body?.match(/\bversion\W{0,3}(\d+)\b|\bv(\d+)\b/i);
  const value = match?.[1] ?? match?.[2];
  return value === undefined ? undefined : Number(value);
}
