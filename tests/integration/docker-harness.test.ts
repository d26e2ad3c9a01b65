import { afterAll, describe, expect, it } from 'vitest';
import { docker, dockerHarness } from '../harness/docker.ts';
import { freePort } from '../harness/moto.ts';

const harness = dockerHarness();
afterAll(() => harness.cleanup());

describe('Docker test harness', () => {
  it('makes a base image without a registry that serves HTTP on port 3000, and cleans up its container', async () => {
    const tag = await harness.baseImage();
    expect(await harness.baseImage()).toBe(tag); // idempotent
    const inspect = JSON.parse(await docker(['image', 'inspect', tag]))[0];
    expect(inspect.Config.ExposedPorts).toHaveProperty(['3000/tcp']);
    const port = await freePort();
    const id = await harness.run(['-d', '-p', `127.0.0.1:${port}:3000`, tag]);
    let status = 0;
    for (let i = 0; i < 50 && status === 0; i++) {
      status = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.status, () => 0);
      if (!status) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(404); // httpd answers; /www is empty
    await harness.cleanup();
    expect(await docker(['ps', '-aq', '--filter', `id=${id}`])).toBe('');
  });
});
