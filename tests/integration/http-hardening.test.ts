import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './terminal/terminal-harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A raw request (fetch would normalise the path), answered with status, headers and body. */
function get(path: string, host = `127.0.0.1:${server.port}`) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host }, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer for ${path} within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

describe('every response', () => {
  it.each([['a page', '/en/', undefined], ['the API', '/api/nothing-here', undefined], ['a refused Host', '/en/', 'rebind.example:80']])(
    'forbids framing and sniffing and sends no Referer (%s)',
    async (_what, path, host) => {
      const { headers } = await get(path, host);
      expect(headers['content-security-policy']).toBe("frame-ancestors 'none'");
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
    },
  );
});

describe('a malformed address', () => {
  it('answers 400 with what is wrong instead of hanging', async () => {
    const response = await get('/%E0%A4%A');
    expect(response.status).toBe(400);
    expect(response.body).toContain('is not valid: each % must be followed by two hexadecimal digits');
  });
});
