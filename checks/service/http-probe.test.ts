import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/checks/check-contract.ts';
import type { HttpProbeOptions } from '../../src/checks/http-probe.ts';
import { appVersion, probe } from './http-probe.ts';

describe('appVersion', () => {
  it('reads the version the sample app prints', () => {
    const page = '<title>ECS Workbook sample app v1</title><p>Version: <strong id="version">2</strong></p>';
    expect(appVersion(page)).toBe(2);
  });
  it('reads "version 2" or "v2" in other pages, and nothing when absent', () => {
    expect(appVersion('<p>version 2</p>')).toBe(2);
    expect(appVersion('hello v3')).toBe(3);
    expect(appVersion('<h1>hello</h1>')).toBeUndefined();
  });
});

describe('probe', () => {
  it('asks the context\'s probe, with the check\'s signal and the given timeout', async () => {
    const calls: [string, HttpProbeOptions][] = [];
    const signal = new AbortController().signal;
    const ctx = { signal, http: async (url: string, options: HttpProbeOptions) => (calls.push([url, options]), { url, status: 200, body: 'ok' }) } as unknown as CheckContext;
    expect(await probe(ctx, 'http://lb.example/', 1234)).toEqual({ url: 'http://lb.example/', status: 200, body: 'ok' });
    expect(calls).toEqual([['http://lb.example/', { signal, timeoutMs: 1234 }]]);
  });
});
