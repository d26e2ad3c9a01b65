/** Judges of lesson 02 on states the local engine cannot produce here (arm64), or that fixtures pin down exactly. */
import { describe, expect, it } from 'vitest';
import { item, judgeFixture, render } from '../../tests/harness/judge-fixtures.ts';
import containerRunning from './container-running.ts';

describe('dockerfile/container-running', () => {
  it('shows a crashed container with its exit status and log lines', () => {
    const result = judgeFixture(containerRunning, 'crashed-container.fixture');
    expect(result.status).toBe('fail');
    expect(result.summary.key).toBe('dockerfile.container-running.crashed');
    const running = item(result, 'running');
    expect(running.actual).toContain('Exited (127)');
    expect(running.actual).toContain('/bin/sh: /app/start.sh: not found');
    expect(running.hint?.key).toBe('dockerfile.container-running.crashed.hint');
    expect(render(running.hint)).toContain('docker logs 9c2f4e1a7b3d');
    expect(running.fix).toBe('docker logs 9c2f4e1a7b3d');
  });

  it('names a wrong port mapping (8081 → 80) and replaces the container with -p 8081:3000', () => {
    const result = judgeFixture(containerRunning, 'wrong-port-mapping.fixture');
    expect(result.status).toBe('fail');
    const mapping = item(result, 'port-mapping');
    expect(mapping).toMatchObject({ status: 'fail', expected: '8081->3000/tcp', actual: '8081->80/tcp' });
    expect(mapping.hint?.key).toBe('dockerfile.container-running.port-mapping.wrong');
    expect(render(mapping.hint)).toContain('host:container');
    // The replacement keeps the lesson's --name: its next commands (docker exec ecs-handson-app-local …) need it.
    expect(mapping.fix).toBe('docker rm -f 7a1b2c3d4e5f && docker rm -f ecs-handson-app-local 2>/dev/null; docker run -d --name ecs-handson-app-local -p 8081:3000 ecs-handson-app');
  });

  it('explains an app bound to the container loopback when the mapped port drops the connection', () => {
    const result = judgeFixture(containerRunning, 'app-bound-to-loopback.fixture');
    expect(result.status).toBe('fail');
    expect(item(result, 'port-mapping').status).toBe('pass');
    const http = item(result, 'http');
    expect(http).toMatchObject({ status: 'fail', expected: 'HTTP 200', actual: 'ECONNRESET' });
    expect(http.hint?.key).toBe('dockerfile.container-running.http.loopback');
    expect(render(http.hint)).toContain('0.0.0.0:3000');
    expect(http.fix).toBe('docker logs 5e6f7a8b9c0d');
  });
});
