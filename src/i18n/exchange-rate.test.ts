import { describe, expect, it } from 'vitest';
import { exchangeRate, usdToJpy, withYen } from './exchange-rate.ts';

describe('yen beside dollars', () => {
  it('adds yen after every US$ amount of a cost line, from the one rate', () => {
    expect(exchangeRate.jpyPerUsd).toBe(150);
    expect(withYen('稼働中は 1 時間あたり約 US$0.07、3 つ目のタスクは約 US$0.02です。')).toBe(
      `稼働中は 1 時間あたり約 US$0.07（約${usdToJpy(0.07)}円）、3 つ目のタスクは約 US$0.02（約${usdToJpy(0.02)}円）です。`,
    );
  });

  it('leaves a line without dollars, or with yen already there, as it is', () => {
    expect(withYen('無料: AWS には何も作りません。')).toBe('無料: AWS には何も作りません。');
    expect(withYen('US$0.07（約11円）')).toBe('US$0.07（約11円）');
  });

  it('rounds small amounts to a tenth of a yen instead of showing 0 円', () => {
    expect(withYen('US$0.005')).toBe('US$0.005（約0.8円）');
  });
});

describe('an amount at the end of a sentence', () => {
  it('still gets its yen', () => {
    expect(withYen('1 日で約 US$2.')).toBe('1 日で約 US$2（約300円）.');
  });
});
