/**
 * The one exchange rate the course uses to show yen beside US dollars. AWS bills in US dollars;
 * the yen figure is a guide for Japanese readers, so a round rate is enough. Change the rate and
 * its date here and nowhere else.
 */
export const exchangeRate = {
  /** Yen per US dollar. */
  jpyPerUsd: 150,
  /** When the rate was set (ISO date), shown beside it. */
  asOf: '2026-11-28',
} as const;

/** Yen for an amount in US dollars, rounded for reading: whole yen from 1 yen up, one decimal below. */
export function usdToJpy(usd: number): number {
  const jpy = usd * exchangeRate.jpyPerUsd;
  return jpy >= 1 ? Math.round(jpy) : Math.round(jpy * 10) / 10;
}

/**
 * A text with yen beside every US$ amount, for the frontmatter `cost` line on Japanese pages:
 * "約 US$0.07" becomes "約 US$0.07（約11円）". An amount already followed by its yen is left alone.
 */
export function withYen(text: string): string {
  return text.replace(/US\$(\d+(?:\.\d+)?)(?!\d|\.\d|（約)/g, (whole, amount: string) => `${whole}（約${usdToJpy(Number(amount)).toLocaleString('ja-JP')}円）`);
}
