/**
 * Flow control when a tab stops reading its socket (a frozen browser, a stalled network), not only
 * when it stops acking: the kernel buffers fill, the server's WebSocket queues the rest, and that
 * queue (ws.bufferedAmount) must stay bounded by pausing the shell, then drain and resume once the
 * tab reads again. The acking watermarks are set out of reach here so only the socket signal acts.
 */
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { defaultFlowLimits } from '../../../src/server/terminal/terminal-session.ts';
import { connectOwner, startTestServer, waitUntil, type TerminalClient, type TestServer } from './terminal-harness.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

let server: TestServer;
/** The server's end of each terminal connection: its writableLength is what ws.bufferedAmount counts. */
let serverSockets: Socket[];
beforeEach(async () => {
  server = await startTestServer({ limits: { high: 1024 * MiB, low: 512 * MiB, stallMs: 60_000 } });
  serverSockets = [];
  server.server.on('upgrade', (_req, socket: Socket) => serverSockets.push(socket));
});
afterEach(async () => {
  await server?.close();
});

/** Bytes a process has written so far (its write() calls): flat while the pty holds it paused. */
const bytesWritten = (pid: number) => Number(/wchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]);

const clientSocket = (client: TerminalClient) => (client.ws as unknown as { _socket: Socket })._socket;

test('a tab that stops reading its socket: the server’s queue stays under the bufferedAmount cap, the shell pauses, and both resume when it reads again', async () => {
  const { bufferedHigh, batchBytes } = defaultFlowLimits;
  const owner = await connectOwner(server);
  await owner.waitFor(/[$#] /, 10_000);
  expect(serverSockets).toHaveLength(1);
  const queued = () => serverSockets[0]!.writableLength;

  owner.type("sh -c 'echo FLOOD-PID=$$; exec yes'\r");
  await owner.waitFor(/FLOOD-PID=\d+/, 5_000);
  const pid = Number(/FLOOD-PID=(\d+)/.exec(owner.text)![1]);
  clientSocket(owner).pause();

  // The kernel's buffers fill first (several MB on loopback), then the server's own queue grows
  // until the cap pauses the shell. Waited for, not timed: a busy machine is slow.
  let most = 0;
  const sample = setInterval(() => (most = Math.max(most, queued())), 5);
  try {
    await waitUntil(() => most > bufferedHigh, 20_000, `the server queued more than ${bufferedHigh} bytes`);
    await sleep(1_000);
    // The bound: the cap, plus the message that crossed it and what the pty had already read
    // (each at most one batch) — not the megabytes a second `yes` writes.
    const bound = bufferedHigh + 4 * batchBytes;
    expect(most).toBeLessThanOrEqual(bound);
    // The shell is paused: the flood writes nothing more while the tab does not read.
    const before = bytesWritten(pid);
    await sleep(1_000);
    expect(bytesWritten(pid)).toBe(before);
    expect(most).toBeLessThanOrEqual(bound);
  } finally {
    clearInterval(sample);
  }

  // Reading again drains the queue and the shell goes on.
  const pausedAt = bytesWritten(pid);
  clientSocket(owner).resume();
  await waitUntil(() => bytesWritten(pid) > pausedAt + 4 * MiB, 15_000, 'the flood went on after the tab read again');
  owner.type('\x03');
  owner.type('echo read-again-$((7*6))\r');
  await owner.waitFor('read-again-42', 10_000);
  owner.close();
});
