import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, test } from 'vitest';
import { ScreenMirror, type ScreenMirrorOptions } from '../../../src/server/terminal/screen-mirror.ts';

const { Terminal } = createRequire(import.meta.url)('@xterm/headless') as typeof import('@xterm/headless');
const encoder = new TextEncoder();
const mirrors: ScreenMirror[] = [];
afterEach(() => {
  for (const mirror of mirrors.splice(0)) mirror.dispose();
});

function mirror(options: Partial<ScreenMirrorOptions> = {}) {
  const created = new ScreenMirror({ cols: 80, rows: 24, scrollback: 100, backlogBytes: 64 * 1024, onTitle: () => {}, ...options });
  mirrors.push(created);
  return created;
}

/** What a browser shows after the replay: the snapshot written into a fresh terminal. */
async function replayed(snapshot: string) {
  const term = new Terminal({ cols: 80, rows: 24, scrollback: 1000, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(snapshot, resolve));
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)!.translateToString(true));
  const screen = lines.slice(buffer.baseY);
  return { lines, screen, alternate: buffer.type === 'alternate', bracketedPaste: term.modes.bracketedPasteMode, cursorHidden: snapshot.endsWith('\x1b[?25l') };
}

const numbered = (from: number, to: number) => {
  let out = '';
  for (let n = from; n <= to; n++) out += `line-${String(n).padStart(6, '0')}\r\n`;
  return out;
};

test('in normal use the replay is exact: output parsed while the shell is quiet, colours and all', async () => {
  const m = mirror();
  m.write(encoder.encode(`${numbered(1, 30)}\x1b[32mgreen\x1b[0m plain\r\n$ `));
  await sleep(150); // quiet: parsed now, not at the snapshot
  m.write(encoder.encode('echo hi\r\nhi\r\n$ '));
  const snapshot = await m.snapshot();
  expect(snapshot).toContain('\x1b[32mgreen');
  const { lines, screen } = await replayed(snapshot);
  expect(lines[0]).toBe('line-000001');
  expect(screen.slice(-4, -1)).toEqual(['green plain', '$ echo hi', 'hi']);
});

test('after a flood larger than the backlog, the replay shows the end of the flood with its scrollback, then the prompt', async () => {
  const m = mirror();
  // 1.4 MB with no pause: far past the 64 KiB backlog, so most of it is dropped unparsed.
  for (let n = 1; n <= 100_000; n += 1000) m.write(encoder.encode(numbered(n, n + 999)));
  m.write(encoder.encode('$ '));
  expect(m.backlogBytes).toBeLessThanOrEqual(64 * 1024 + 14 * 1000);
  const { lines, screen } = await replayed(await m.snapshot());
  expect(screen.at(-1)).toBe('$ ');
  expect(screen.at(-2)).toBe('line-100000');
  // The screen and the scrollback (24 + 100 rows) are full of the flood's last lines, in order.
  expect(lines.length).toBe(124);
  expect(lines[0]).toBe(`line-${String(100_000 - 122).padStart(6, '0')}`);
});

test("a full-screen program's screen and modes survive a flood of redraws that is dropped unparsed", async () => {
  const titles: string[] = [];
  const m = mirror({ onTitle: (title) => titles.push(title) });
  m.write(encoder.encode('$ top\r\n'));
  await sleep(150);
  // Enters the alternate screen, hides the cursor, turns on bracketed paste, sets a title, then
  // redraws its screen 20,000 times (about 1 MB) before the mirror gets a quiet moment.
  m.write(encoder.encode('\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b]2;top – 日本\x07'));
  for (let frame = 1; frame <= 20_000; frame++) m.write(encoder.encode(`\x1b[H\x1b[2Jframe ${frame}\r\n${'row\r\n'.repeat(8)}`));
  const shown = await replayed(await m.snapshot());
  expect(shown.alternate).toBe(true);
  expect(shown.cursorHidden).toBe(true);
  expect(shown.bracketedPaste).toBe(true);
  expect(shown.screen[0]).toBe('frame 20000');
  expect(titles.at(-1)).toBe('top – 日本');

  // The program quits (also inside a dropped flood): back on the normal screen, cursor shown.
  m.write(encoder.encode('\x1b[?2004l\x1b[?25h\x1b[?1049l'));
  for (let n = 1; n <= 100_000; n += 1000) m.write(encoder.encode(numbered(n, n + 999)));
  m.write(encoder.encode('$ '));
  const after = await replayed(await m.snapshot());
  expect(after.alternate).toBe(false);
  expect(after.cursorHidden).toBe(false);
  expect(after.bracketedPaste).toBe(false);
  expect(after.screen.slice(-2)).toEqual(['line-100000', '$ ']);
});

test('a snapshot holds exactly what was written before it, even while a flood is being dropped', async () => {
  const m = mirror();
  for (let n = 1; n <= 50_000; n += 1000) m.write(encoder.encode(numbered(n, n + 999)));
  const first = m.snapshot();
  m.write(encoder.encode('after the snapshot\r\n'));
  const { screen } = await replayed(await first);
  expect(screen.join('\n')).not.toContain('after the snapshot');
  expect(screen.filter(Boolean).at(-1)).toBe('line-050000');
});
