/**
 * The course's sample app (sandbox/app) on the real Docker engine: it builds from a base image given
 * as a build argument, stays tiny, and answers on port 3000 with its version and the serving host.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBaseImage } from '../harness/docker.ts';

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const started: string[] = [];

async function runAndFetch(image: string) {
  const id = docker('run', '-d', '-p', '127.0.0.1:0:3000', image);
  started.push(id);
  const hostPort = docker('port', id, '3000/tcp').split('\n')[0]!.split(':').pop();
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(`http://127.0.0.1:${hostPort}/`);
      return { id, status: response.status, body: await response.text() };
    } catch (error) {
      if (attempt > 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

afterAll(() => {
  if (started.length) docker('rm', '-f', ...started);
  docker('image', 'rm', '-f', 'ecs-workbook-test/sample-app:v1', 'ecs-workbook-test/sample-app:v2');
});

describe('sample app', () => {
  const base = ensureBaseImage();

  it('builds from the base image argument and serves version 1 with the container host name on port 3000', async () => {
    docker('build', '-q', '--build-arg', `BASE_IMAGE=${base}`, '-t', 'ecs-workbook-test/sample-app:v1', 'sandbox/app');
    const size = Number(docker('image', 'inspect', '-f', '{{.Size}}', 'ecs-workbook-test/sample-app:v1'));
    expect(size).toBeLessThan(200 * 1024 * 1024);
    expect(docker('image', 'inspect', '-f', '{{json .Config.ExposedPorts}}', 'ecs-workbook-test/sample-app:v1')).toContain('3000/tcp');

    const { id, status, body } = await runAndFetch('ecs-workbook-test/sample-app:v1');
    expect(status).toBe(200);
    expect(body).toContain('Version: <strong id="version">1</strong>');
    // Docker's default host name is the short container id: the page names the container that served it.
    expect(body).toContain(`<strong id="host">${id.slice(0, 12)}</strong>`);
  });

  it('builds version 2 with --build-arg APP_VERSION=2', async () => {
    docker('build', '-q', '--build-arg', `BASE_IMAGE=${base}`, '--build-arg', 'APP_VERSION=2', '-t', 'ecs-workbook-test/sample-app:v2', 'sandbox/app');
    const { status, body } = await runAndFetch('ecs-workbook-test/sample-app:v2');
    expect(status).toBe(200);
    expect(body).toContain('Version: <strong id="version">2</strong>');
  });
});
