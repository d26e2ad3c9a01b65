/**
 * The probe's "what held" for durability: a check the server acknowledged is on disk at that
 * moment. The server is killed with SIGKILL right after the answer (no shutdown, no flush), started
 * again on the same data folder, and every acknowledged attempt is still there, once each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMoto, type Moto } from '../harness/moto.ts';
import { startRealServer, type RealServer } from './real-server.ts';

let moto: Moto;
const servers: RealServer[] = [];
beforeAll(async () => {
  moto = await startMoto();
}, 60_000);
afterAll(async () => {
  // The later launches only borrowed the first one's data folder; the first one's home holds it.
  for (const server of servers.reverse()) await server.close();
  await moto?.stop();
});

async function runCheck(server: RealServer, step: string): Promise<number> {
  const response = await fetch(`${server.origin}/api/checks/run`, {
    method: 'POST',
    headers: { cookie: server.cookie, origin: server.origin, 'content-type': 'application/json' },
    body: JSON.stringify({ step }),
    signal: AbortSignal.timeout(60_000),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { attempt: { id: number } }).attempt.id;
}

async function killHard(server: RealServer) {
  const gone = new Promise((done) => server.child.once('exit', done));
  server.child.kill('SIGKILL');
  await gone;
  expect(server.alive()).toBe(false);
}

describe('kill -9 durability', () => {
  it('every acknowledged attempt survives SIGKILL and a restart on the same data folder', async () => {
    const first = await startRealServer(moto.env);
    servers.push(first);
    const acknowledged: number[] = [];
    for (let launch = 0; launch < 3; launch++) {
      const server = launch === 0 ? first : await startRealServer(moto.env, { dataDir: first.dataDir });
      if (launch > 0) servers.push(server);
      for (const step of ['setup/aws-identity', 'network/vpc']) acknowledged.push(await runCheck(server, step));
      // Killed the moment the last answer arrived: nothing gets a chance to flush or close.
      await killHard(server);
    }
    const restarted = await startRealServer(moto.env, { dataDir: first.dataDir });
    servers.push(restarted);
    const exported = (await (await fetch(`${restarted.origin}/api/progress/export`, { headers: { cookie: restarted.cookie } })).json()) as { attempts: { id: number; step: string }[] };
    const ids = exported.attempts.map((attempt) => attempt.id);
    for (const id of acknowledged) expect(ids.filter((found) => found === id), `attempt ${id}`).toHaveLength(1);
    expect(exported.attempts.filter((attempt) => attempt.step === 'setup/aws-identity')).toHaveLength(3);
    const progress = (await (await fetch(`${restarted.origin}/api/progress?lang=en`, { headers: { cookie: restarted.cookie } })).json()) as { statuses: Record<string, string> };
    expect(progress.statuses['setup/aws-identity']).toBe('pass');
    expect(restarted.output()).not.toMatch(/corrupt|malformed/i);
  }, 300_000);
});
