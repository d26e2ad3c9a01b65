import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ClientOp, frame, ServerOp, u32 } from '../../../src/shared/terminal-protocol.ts';
import { defaultFlowLimits } from '../../../src/server/terminal/terminal-session.ts';
import { connectOwner, startTestServer, waitUntil, TerminalClient, type TestServer } from './terminal-harness.ts';

const KiB = 1024;
// A fresh server (so a fresh shell) per test: a test that fails mid-flood must not leave `yes`
// running for the next one, as every owner's tab attaches to the same session.
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ limits: { stallMs: 60_000 } });
});
afterEach(async () => {
  await server?.close();
});

test('a tab that stops acking pauses the shell: output stays bounded, and Ctrl-C brings the prompt back once it reads again', async () => {
  const owner = await connectOwner(server, { autoAck: false });
  owner.type('yes\r');
  // `yes` writes several MB a second; the shell is paused only once the tab is owed more than the
  // high watermark, so at least that much arrives (waited for, not timed: a busy machine is slow).
  const high = defaultFlowLimits.high;
  await waitUntil(() => owner.outputBytes > high, 15_000, `more than ${high} bytes arrived`);
  // The true bound: the server pauses the pty as soon as what the tab is owed (sent, queued behind
  // its replay, or read and not yet flushed) passes the high watermark, so the last pty read (at
  // most 64 KiB, node's read size) is the only overshoot; after the pause nothing more is read.
  // The prompt replayed on attach is not counted against the watermark, hence the small extra.
  const bound = high + 64 * KiB + 4 * KiB;
  await sleep(500);
  expect(owner.outputBytes).toBeLessThanOrEqual(bound);
  await sleep(1_000);
  // Held there while the tab does not ack (unpaced, `yes` would have sent megabytes by now).
  expect(owner.outputBytes).toBeLessThanOrEqual(bound);

  // Keystrokes still reach the paused shell.
  owner.type('\x03');
  owner.type('echo back-$((8*8))\r');
  const start = Date.now();
  const ackAll = setInterval(() => owner.ws.send(frame(ClientOp.ack, u32(owner.outputBytes))), 10);
  await owner.waitFor('back-64', 5_000);
  clearInterval(ackAll);
  expect(Date.now() - start).toBeLessThan(2_000);
  owner.close();
});

test('a tab that read fast and then stops is still bounded: what the shell may be owed grows with the tab, up to maxHigh', async () => {
  // A lower cap than the default, so that a test machine's `yes` surely reaches it.
  const limits = { ...defaultFlowLimits, stallMs: 60_000, maxHigh: 1024 * KiB };
  await server.close();
  server = await startTestServer({ limits });
  const owner = await connectOwner(server, { autoAck: false });
  let acking = true;
  owner.ws.on('message', (data: Buffer) => {
    if (acking && data[0] === ServerOp.output) owner.ws.send(frame(ClientOp.ack, u32(data.length - 1)));
  });
  await owner.waitFor(/[$#] /, 10_000);
  owner.type('yes\r');
  // Acked as fast as it comes, so the limits grow with the measured rate (up to maxHigh).
  await waitUntil(() => owner.outputBytes > 8 * 1024 * KiB, 15_000, 'a few MB arrived');
  acking = false;
  const atStop = owner.outputBytes;
  await sleep(1_500);
  // No ack since: the shell is paused once maxHigh is owed, plus the last read and one message's
  // worth that was already under way when the acks stopped.
  const { maxHigh, batchBytes, high } = limits;
  const bound = maxHigh + (batchBytes * maxHigh) / high + 64 * KiB;
  expect(owner.outputBytes - atStop).toBeLessThanOrEqual(bound);
  const held = owner.outputBytes;
  await sleep(1_000);
  expect(owner.outputBytes).toBe(held);
  owner.type('\x03');
  owner.close();
});

test('only the owner paces the shell: a stalled viewer is left behind, not waited for', async () => {
  const owner = await connectOwner(server);
  await owner.waitFor(/[$#] /, 10_000);
  const viewer = new TerminalClient(server, { autoAck: false });
  await viewer.opened;
  viewer.hello(server.workbook.launchSecret, { role: 'viewer' });
  await sleep(200);
  owner.type('yes | head -c 8000000; echo flood-$((6+6))-done\r');
  await owner.waitFor('flood-12-done', 15_000);
  expect(owner.outputBytes).toBeGreaterThan(12_000_000);
  // The viewer got at most its allowance before it was set aside for a resync.
  expect(viewer.outputBytes).toBeLessThan(4 * 1024 * KiB);

  // Once it has read what it has, it is resynchronised with a snapshot of the current screen.
  const replaysBefore = viewer.replays;
  viewer.ws.send(frame(ClientOp.ack, u32(viewer.outputBytes)));
  await viewer.waitFor('flood-12-done', 5_000);
  expect(viewer.replays).toBe(replaysBefore + 1);
  owner.close();
  viewer.close();
});
