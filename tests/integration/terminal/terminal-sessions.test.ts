import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { connectOwner, startTestServer, type TestServer } from './terminal-harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ idleMs: 1_500 });
});
afterAll(async () => {
  await server?.close();
});

/** Running means it exists and is not a zombie (an orphan's parent may be slow to reap it). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

test('the shell starts in the workspace folder, and a reconnecting tab gets the same shell with its screen replayed', async () => {
  const first = await connectOwner(server);
  first.type('cd . && pwd && KEEP=$((7*6)) && echo kept-$KEEP\r');
  await first.waitFor('kept-42');
  expect(first.text).toContain(`${server.home}/ecs-workbook\r\n`);
  first.close();
  await first.closed;

  const second = await connectOwner(server);
  // The replay (from the server's screen mirror) shows what was on screen before.
  await second.waitFor('kept-42');
  expect(second.replays).toBe(1);
  second.type('echo again-$KEEP\r');
  await second.waitFor('again-42');
  second.close();
});

test('two tabs share one shell: both see what either owner types', async () => {
  const a = await connectOwner(server);
  const b = await connectOwner(server);
  await b.waitFor('again-42'); // the replay
  a.type('echo from-a-$((10+1))\r');
  await b.waitFor('from-a-11');
  b.type('echo from-b-$((10+2))\r');
  await a.waitFor('from-b-12');
  a.close();
  b.close();
});

test('UTF-8 characters split across pty reads arrive and are replayed intact', async () => {
  const owner = await connectOwner(server);
  // 6,000 characters of 3 and 4 bytes: pty reads split many of them in the middle.
  owner.type(`printf '€😀%.0s' $(seq 1 3000); echo; echo utf-$((5*5))\r`);
  await owner.waitFor('utf-25', 10_000);
  expect(owner.text).not.toContain('\uFFFD');
  expect(owner.text.match(/€😀/g)!.length).toBeGreaterThanOrEqual(3000);
  owner.close();
  await owner.closed;
  const again = await connectOwner(server);
  await again.waitFor('utf-25');
  expect(again.text).not.toContain('\uFFFD');
  expect(again.text).toContain('€😀€😀€😀');
  again.close();
});

test('the shell exiting closes the pane with its code, and a new hello starts a fresh shell', async () => {
  const owner = await connectOwner(server);
  owner.type('exit 3\r');
  expect((await owner.closed).code).toBe(4000);
  expect(owner.exitCode).toBe(3);
  const fresh = await connectOwner(server);
  fresh.type('echo "fresh-[${KEEP:-unset}]"\r');
  await fresh.waitFor('fresh-[unset]');
  fresh.close();
});

test('a session nobody watches ends after the idle time, killing its background jobs too', async () => {
  const owner = await connectOwner(server);
  owner.type('sleep 1000 & A=$!; nohup sleep 1001 >/dev/null 2>&1 & B=$!; echo "pids=$A,$B,$$"\r');
  await owner.waitFor(/pids=\d+,\d+,\d+/);
  const pids = owner.text.match(/pids=(\d+),(\d+),(\d+)/)!.slice(1).map(Number);
  expect(pids.every(isRunning)).toBe(true);
  owner.close();
  await owner.closed;
  await sleep(500);
  expect(pids.every(isRunning)).toBe(true); // not before the idle time
  const deadline = Date.now() + 4_000;
  while (Date.now() < deadline && pids.some(isRunning)) await sleep(100);
  // The shell, its job and even the nohup'd one (which ignores the hang-up) are gone.
  expect(pids.filter(isRunning)).toEqual([]);
});

test('stopping the server kills every shell and its process group', async () => {
  const other = await startTestServer();
  const owner = await connectOwner(other);
  owner.type('sleep 1002 & echo "pids=$!,$$"\r');
  await owner.waitFor(/pids=\d+,\d+/);
  const pids = owner.text.match(/pids=(\d+),(\d+)/)!.slice(1).map(Number);
  await other.close();
  expect(pids.filter(isRunning)).toEqual([]);
  expect((await owner.closed).code).toBe(1001);
});
