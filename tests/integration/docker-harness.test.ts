import { afterAll, describe, expect, it } from 'vitest';
import { docker, dockerHarness, ensureBaseImage } from '../harness/docker.ts';
import { freePort } from '../harness/moto.ts';

const harness = dockerHarness();
afterAll(() => harness.cleanup());

describe('Docker test harness', () => {
  it('makes one base image without a registry, like the public busybox (sh by default), idempotently', async () => {
    const tag = ensureBaseImage();
    const created = JSON.parse(await docker(['image', 'inspect', tag]))[0].Id;
    expect(ensureBaseImage()).toBe(tag);
    expect(JSON.parse(await docker(['image', 'inspect', tag]))[0].Id).toBe(created); // not made again
    expect(JSON.parse(await docker(['image', 'inspect', tag]))[0].Config.Cmd).toEqual(['sh']);
  });

  it('has every busybox applet the tests use (mkdir, chmod, hostname, httpd), serves HTTP, and cleans up its container', async () => {
    const port = await freePort();
    const id = await harness.run(['-d', '-p', `127.0.0.1:${port}:3000`, ensureBaseImage(), 'sh', '-c',
      'mkdir -p /www && chmod 755 /www && hostname > /www/host && exec httpd -f -p 3000 -h /www']);
    let status = 0;
    let body = '';
    for (let i = 0; i < 50 && status === 0; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/host`).catch(() => undefined);
      if (response) [status, body] = [response.status, await response.text()];
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    expect(body.trim()).toBe(id.slice(0, 12)); // Docker's default host name is the short container id
    await harness.cleanup();
    expect(await docker(['ps', '-aq', '--filter', `id=${id}`])).toBe('');
  });
});
