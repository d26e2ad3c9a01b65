import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { appVersion, probeHttp } from './http-probe.ts';

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

describe('probeHttp against a real loopback server', () => {
  it('records the status and the start of the body', async () => {
    const server = createServer((_, res) => res.writeHead(503).end('no healthy targets'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const probe = await probeHttp(`http://127.0.0.1:${port}/`, new AbortController().signal, 2000);
    server.close();
    expect(probe).toEqual({ url: `http://127.0.0.1:${port}/`, status: 503, body: 'no healthy targets' });
  });
  it('records ECONNREFUSED for a closed port', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const probe = await probeHttp(`http://127.0.0.1:${port}/`, new AbortController().signal, 2000);
    expect(probe.error?.code).toBe('ECONNREFUSED');
  });
});
