import { expect, test } from 'vitest';
import { RawBacklog, replayStart } from './raw-backlog.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const text = (data: Uint8Array) => Buffer.from(data).toString('utf8');

test('keeps the newest output within its bound and hands what it dropped to onDrop, in order', () => {
  const dropped: string[] = [];
  const backlog = new RawBacklog(10, (chunk) => dropped.push(text(chunk)));
  for (const chunk of ['aaaa', 'bbbb', 'cccc', 'dddd']) backlog.push(bytes(chunk));
  expect(dropped).toEqual(['aaaa']);
  expect(backlog.bytes).toBe(12);
  expect(backlog.dropped).toBe(true);
  const taken = backlog.take();
  expect(text(taken.data)).toBe('bbbbccccdddd');
  expect(taken.dropped).toBe(true);
  expect(backlog.take()).toEqual({ data: new Uint8Array(0), dropped: false });
});

test('a replay after dropped output starts after a line feed, keeping only as many lines as can show', () => {
  const data = bytes('\x1b]0;cut-off title\x07…\r\nline1\r\nline2\r\nline3\r\n$ ');
  expect(text(data.subarray(replayStart(data, 2)))).toBe('line3\r\n$ ');
  expect(text(data.subarray(replayStart(data, 100)))).toBe('line1\r\nline2\r\nline3\r\n$ ');
});

test('without a line feed it starts at an escape sequence, or at a whole character', () => {
  const withEscape = bytes('5;10H old\x1b[1;1Hnew');
  expect(text(withEscape.subarray(replayStart(withEscape, 10)))).toBe('\x1b[1;1Hnew');
  const euro = bytes('€€');
  expect(text(euro.subarray(replayStart(euro.subarray(1), 10) + 1))).toBe('€');
});
