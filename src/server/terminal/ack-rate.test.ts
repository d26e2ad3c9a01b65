import { expect, test } from 'vitest';
import { AckRate } from './ack-rate.ts';

test('measures bytes acked per millisecond over windows of at least 20 ms', () => {
  const rate = new AckRate(20);
  rate.ack(32_768, 0); // starts the first window
  expect(rate.bytesPerMs).toBe(0);
  rate.ack(500_000, 10);
  expect(rate.bytesPerMs).toBe(0); // window not over yet
  rate.ack(500_000, 20);
  expect(rate.bytesPerMs).toBe(25_000); // (rises halfway from 0 to 50,000)
  rate.ack(1_000_000, 40);
  expect(rate.bytesPerMs).toBe(37_500);
});

test('a tab that slows down loses its allowance at once; reset starts over', () => {
  const rate = new AckRate(20);
  rate.ack(0, 0);
  rate.ack(2_000_000, 20);
  expect(rate.bytesPerMs).toBe(50_000);
  rate.ack(100_000, 40); // 5,000 bytes/ms: followed at once, not averaged
  expect(rate.bytesPerMs).toBe(5_000);
  // A quiet spell in the window makes it measure low, never high.
  rate.ack(100_000, 1040);
  expect(rate.bytesPerMs).toBe(100);
  rate.reset();
  expect(rate.bytesPerMs).toBe(0);
});
