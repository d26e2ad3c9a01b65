import { expect, test } from 'vitest';
import { ModeScanner } from './mode-scanner.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

test('finds the modes a full-screen program switched, the last switch winning', () => {
  const scanner = new ModeScanner();
  scanner.scan(bytes('plain text\r\n\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[?1h\x1b=\x1b[31mred\x1b[0m\x1b[?1002h'));
  scanner.scan(bytes('more\x1b[?2004l\x1b[?2004h\x1b[4h\x1b[?7l'));
  expect(scanner.take()).toEqual({
    fromDefaults: false,
    privateModes: { 1049: true, 25: false, 2004: true, 1: true, 66: true, 7: false },
    insert: true,
    mouse: 1002,
  });
  // take() starts over.
  expect(scanner.take()).toEqual({ fromDefaults: false, privateModes: {} });
});

test('a sequence split between two reads still counts; 47 and 1047 are the alternate screen too', () => {
  const scanner = new ModeScanner();
  scanner.scan(bytes('abc\x1b[?10'));
  scanner.scan(bytes('47h def'));
  scanner.scan(bytes('\x1b]2;bu'));
  scanner.scan(bytes('ild – 日本語\x07'));
  scanner.scan(bytes('\x1b[?1000;25l'));
  expect(scanner.take()).toEqual({ fromDefaults: false, privateModes: { 1049: true, 25: false }, mouse: 0, title: 'build – 日本語' });
});

test('a full reset forgets what came before it, a soft reset shows the cursor again', () => {
  const scanner = new ModeScanner();
  scanner.scan(bytes('\x1b[?1049h\x1b[?25l\x1bc\x1b[?2004h'));
  expect(scanner.take()).toEqual({ fromDefaults: true, privateModes: { 2004: true } });
  scanner.scan(bytes('\x1b[?25l\x1b[4h\x1b[!p'));
  expect(scanner.take()).toMatchObject({ privateModes: { 25: true, 1: false, 7: true }, insert: false });
});

test('output without ESC changes nothing', () => {
  const scanner = new ModeScanner();
  scanner.scan(bytes('y\r\n'.repeat(100_000)));
  expect(scanner.take()).toEqual({ fromDefaults: false, privateModes: {} });
});
