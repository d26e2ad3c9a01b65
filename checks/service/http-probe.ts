/**
 * The HTTP probe as the checks of lessons 07–10 use it: through the context (`ctx.http`, which a
 * test points at a loopback stand-in), and the version marker the sample app prints.
 */
import { type CheckContext } from '#check-kit';
import type { HttpProbe } from '../../src/checks/http-probe.ts';

export type { HttpProbe };

/** One GET through the context's probe, bounded by the check's signal. */
export function probe(ctx: CheckContext, url: string, timeoutMs = 5000): Promise<HttpProbe> {
  return ctx.http(url, { signal: ctx.signal, timeoutMs });
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
