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
