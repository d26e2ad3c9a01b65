import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ClientOp, frame, u32 } from '../../../src/server/terminal/protocol.ts';
import { connectOwner, startTestServer, TerminalClient, type TestServer } from './terminal-harness.ts';

const KiB = 1024;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ limits: { stallMs: 60_000 } });
});
afterAll(async () => {
  await server?.close();
});

test('a tab that stops acking pauses the shell: output stays bounded, and Ctrl-C brings the prompt back once it reads again', async () => {
  const owner = await connectOwner(server, { autoAck: false });
  owner.type('yes\r');
  await sleep(1_000);
  const afterOneSecond = owner.outputBytes;
  await sleep(1_000);
  // `yes` writes several MB a second; without acks the server stops at its high watermark
  // (256 KiB) plus one batch, and holds the shell there.
  expect(afterOneSecond).toBeGreaterThan(200 * KiB);
  expect(owner.outputBytes).toBeLessThan(640 * KiB);
  expect(owner.outputBytes - afterOneSecond).toBeLessThan(160 * KiB);

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

test('only the owner paces the shell: a stalled viewer is left behind, not waited for', async () => {
  const owner = await connectOwner(server);
  await owner.waitFor(/[$#] /);
  const viewer = new TerminalClient(server, { autoAck: false });
  await viewer.opened;
  viewer.hello(server.workbook.locals.launchSecret, { role: 'viewer' });
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
