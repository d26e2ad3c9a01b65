/**
 * The room tools with real learner sandboxes on the Docker engine: `ecs-workbook hand` typed in a
 * learner's sandbox shell (which cannot reach the server over the network) raises their hand through
 * the terminal's output, and the instructor's reset, confirmed, gives the learner a fresh sandbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseChecks } from '../../checks/index.ts';
import { createRoomTools, type RoomTools } from '../../src/server/room/room-feature.ts';
import { createWorkbook, type Workbook } from '../../src/server/workbook.ts';
import type { Principal } from '../../src/shared/principal.ts';
import { freePort } from '../harness/moto.ts';
import { firstBuildTimeoutMs, workshopForTest } from '../harness/sandbox.ts';
import { TerminalClient, type TestServer } from './terminal/terminal-harness.ts';

const people: Record<string, Principal> = { 'who=ana': { kind: 'learner', id: 'ana' }, 'who=teacher': { kind: 'instructor', id: 'teacher' } };
let sandboxes: Awaited<ReturnType<typeof workshopForTest>>;
let server: Server;
let workbook: Workbook;
let room: RoomTools;
let base: string;
const data = mkdtempSync(join(tmpdir(), 'wb-room-sandbox-'));

beforeAll(async () => {
  sandboxes = await workshopForTest('roomtools');
  const port = await freePort();
  workbook = createWorkbook({
    host: '127.0.0.1',
    port,
    dataDir: data,
    resolvePrincipal: (req) => people[req.headers.cookie ?? ''],
    sandbox: sandboxes.provider,
    features: (parts) => [(room = createRoomTools(parts, {
      checks: courseChecks,
      // The workshop's roster, as start-workshop gives it: the room acts only on its learners.
      learners: () => ['ana'],
      resetSandbox: async (learner) => void (await sandboxes.provider.reset(learner)) }))],
  });
  server = createServer((req, res) => void workbook.handleRequest(req, res, () => { res.writeHead(404); res.end(); }));
  server.on('upgrade', (req, socket, head) => {
    if (!workbook.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${port}`;
}, firstBuildTimeoutMs);
afterAll(async () => {
  await workbook?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await sandboxes?.remove();
  rmSync(data, { recursive: true, force: true });
}, 120_000);

const post = (cookie: string, path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { cookie, origin: base, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the room tools with real sandboxes', () => {
  it('raises a hand from inside the sandbox, and resets the sandbox only once confirmed', async () => {
    const shell = new TerminalClient({ origin: base, url: `${base.replace('http', 'ws')}/terminal` } as TestServer, { cookie: 'who=ana' });
    await shell.opened;
    shell.hello(workbook.launchSecret);
    await shell.waitFor(/learner@sandbox/, 120_000);
    shell.type('echo kept > ~/mark; echo in-the-sandbox; ecs-workbook hand\r');
    await shell.waitFor('Hand raised', 60_000);
    const deadline = Date.now() + 10_000;
    while (room.store.queue().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(room.store.queue()).toEqual([expect.objectContaining({ learner: 'ana', source: 'terminal', status: 'waiting' })]);
    expect(room.store.queue()[0]!.screen).toContain('in-the-sandbox');
    shell.ws.close();

    const marked = () => sandboxes.provider.exec('ana', ['sh', '-c', 'cat ~/mark 2>/dev/null || echo none'], { timeoutMs: 30_000 }).then((result) => result.stdout.trim());
    expect(await marked()).toBe('kept');
    expect((await post('who=ana', '/api/instructor/reset', { learner: 'ana', confirm: 'ana' })).status).toBe(403);
    expect((await post('who=teacher', '/api/instructor/reset', { learner: 'ana' })).status).toBe(428);
    expect(await marked()).toBe('kept');
    const reset = await post('who=teacher', '/api/instructor/reset', { learner: 'ana', confirm: 'ana' });
    expect(reset.status).toBe(200);
    expect(await marked()).toBe('none');
  }, 400_000);
});
