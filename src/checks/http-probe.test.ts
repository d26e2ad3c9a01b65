import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createCheckContext } from './check-context.ts';
import { probeHttp } from './http-probe.ts';
import { testVariables } from '../settings/learner-variables.ts';

describe('probeHttp against a real loopback server', () => {
  it('records the status and the start of the body', async () => {
    const server = createServer((_, res) => res.writeHead(503).end('no healthy targets'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const probe = await probeHttp(`http://127.0.0.1:${port}/`, { signal: new AbortController().signal, timeoutMs: 2000 });
    server.close();
    expect(probe).toEqual({ url: `http://127.0.0.1:${port}/`, status: 503, body: 'no healthy targets' });
  });
  it('records ECONNREFUSED for a closed port', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const probe = await probeHttp(`http://127.0.0.1:${port}/`, { signal: new AbortController().signal, timeoutMs: 2000 });
    expect(probe.error?.code).toBe('ECONNREFUSED');
  });
  it('gives up after its timeout when the server never answers', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const probe = await probeHttp(`http://127.0.0.1:${port}/`, { signal: new AbortController().signal, timeoutMs: 300 });
    server.closeAllConnections();
    server.close();
    expect(probe.error?.code).toBe('ETIMEDOUT');
  });
});

describe('the check context\'s probe', () => {
  it('is the fetch probe by default, and the one given when a test gives one', () => {
    const vars = testVariables({});
    const plain = createCheckContext({ vars });
    expect(plain.ctx.http).toBe(probeHttp);
    plain.dispose();
    const stub = async (url: string) => ({ url, status: 200 });
    const given = createCheckContext({ vars, http: stub });
    expect(given.ctx.http).toBe(stub);
    given.dispose();
  });
});
