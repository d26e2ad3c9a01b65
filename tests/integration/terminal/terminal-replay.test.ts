import { afterEach, beforeEach, expect, test } from 'vitest';
import { connectOwner, startTestServer, type TestServer } from './terminal-harness.ts';

// A small mirror backlog, so a flood of a couple of megabytes is mostly dropped unparsed.
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ limits: { mirrorBacklog: 256 * 1024 } });
});
afterEach(async () => {
  await server?.close();
});

test('after a flood larger than the mirror keeps, a reattaching tab sees the end of the flood and then the prompt', async () => {
  const first = await connectOwner(server);
  await first.waitFor(/[$#] $/, 10_000);
  // About 2 MB: eight times the backlog.
  first.type('seq 1 300000; echo flood-$((6*7))-end\r');
  await first.waitFor(/flood-42-end\r\n[^\n]*[$#] $/, 30_000);
  first.close();
  await first.closed;

  const second = await connectOwner(server);
  // (The replay ends with the modes the shell set, such as bracketed paste, after the prompt.)
  await second.waitFor(/flood-42-end\r\n[^\n]*[$#] /, 10_000);
  expect(second.replays).toBe(1);
  // The replay holds the last lines of the flood in order (the recent scrollback)…
  expect(second.text).toMatch(/299998\r\n299999\r\n300000\r\n/);
  expect(second.text).toContain('\r\n299000\r\n');
  // …and the shell is live behind it.
  second.type('echo still-$((40+2))\r');
  await second.waitFor('still-42');
  second.close();
});

test("a full-screen program's screen is replayed: alternate screen, hidden cursor and its last frame", async () => {
  const first = await connectOwner(server);
  await first.waitFor(/[$#] $/, 10_000);
  // A program that takes the alternate screen, hides the cursor and redraws its top line
  // 100,000 times (about 1.9 MB), then waits for a key, as `top` or `less` would.
  first.type("printf '\\e[?1049h\\e[?25l'; seq -f $'\\e[Hframe %06g of 100000' 1 100000; read -rsn1; printf '\\e[?25h\\e[?1049l'; echo quit-$((1+1))\r");
  await first.waitFor('frame 100000 of 100000', 30_000);
  first.close();
  await first.closed;

  const second = await connectOwner(server);
  await second.waitFor('frame 100000 of 100000', 10_000);
  expect(second.text).toContain('\x1b[?1049h');
  expect(second.text.endsWith('\x1b[?25l')).toBe(true);
  expect(second.text).not.toContain('frame 099000');
  // The program is still running and gets the key.
  second.type('q');
  await second.waitFor('quit-2');
  second.close();
});
