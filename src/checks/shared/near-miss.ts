/** Suggests what the learner probably meant: a name with a typo, a different case or a missing prefix, or another region. */
import type { AwsClients } from '../check-contract.ts';

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest candidate within a few edits (or one containing the other), else undefined. */
export function nearMiss(wanted: string, candidates: readonly string[]): string | undefined {
  const target = wanted.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    if (name === wanted) continue;
    const lower = name.toLowerCase();
    const distance = lower.includes(target) || target.includes(lower) ? 1 : editDistance(target, lower);
    if (distance <= Math.max(2, Math.floor(target.length / 4)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Regions a learner most often uses by mistake: the course's, the console's default, and a common one. */
export function otherLikelyRegions(current: string): string[] {
  return ['ap-northeast-1', 'us-east-1', 'us-west-2'].filter((region) => region !== current);
}

/** The other likely regions where `found` sees the learner's resource, asked one after another. */
export async function foundInOtherRegions(aws: AwsClients, found: (elsewhere: AwsClients) => Promise<boolean>): Promise<string[]> {
  const regions: string[] = [];
  for (const region of otherLikelyRegions(aws.region)) if (await found(aws.inRegion(region))) regions.push(region);
  return regions;
}
