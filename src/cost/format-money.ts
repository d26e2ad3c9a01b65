/**
 * A dollar figure for the cost panel and the CLI: small hourly amounts keep four decimals (US$0.0731),
 * and Japanese text adds yen at the course's one rate, as `<Money>` does in lessons.
 */
import { usdToJpy } from '../i18n/exchange-rate.ts';
import type { Language } from '../i18n/languages.ts';

export function formatUsd(usd: number, lang: Language): string {
  const digits = usd === 0 ? 2 : usd < 1 ? 4 : 2;
  const dollars = `US$${usd.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
  if (lang !== 'ja') return `${dollars} (≈ ¥${usdToJpy(usd).toLocaleString('en-US')})`;
  return `${dollars}（約${usdToJpy(usd).toLocaleString('ja-JP')}円）`;
}
