/**
 * A learner's AWS name prefix, for a room that shares one AWS account: every resource name the
 * lessons use becomes "<prefix>-<name>", so thirty clusters called ecs-handson-cluster do not
 * collide. The prefix is readable where the name allows (the instructor spots "taro-k3x9-…" in the
 * console), made of lowercase letters and digits only, and short: the longest default name the
 * course gives a load balancer or target group must stay within ELB's 32 characters.
 */
import { createHash } from 'node:crypto';
import { defaultNames, withPrefix } from '../settings/settings-schema.ts';

/** ELB's limit for load balancer and target group names. */
export const elbNameLimit = 32;
/** The longest name the course gives an ELB resource. */
const longestElbName = Math.max(defaultNames.loadBalancer.length, defaultNames.targetGroup.length);
/** What the prefix may use: the limit less the longest ELB name and the joining hyphen. */
export const maxPrefixLength = Math.min(12, elbNameLimit - longestElbName - 1);

const readablePart = 6;
const idPart = 4;

/** The ASCII letters and digits of a display name, lowercased ("Taro Yamada" → "taroya"); "" for "山田". */
function readable(displayName: string): string {
  return displayName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/^[0-9]+/, '')
    .slice(0, readablePart);
}

/** Base-36 characters drawn from the learner id; `attempt` picks other ones when a prefix is taken. */
function idCharacters(learnerId: string, attempt: number): string {
  const digest = createHash('sha256').update(`${learnerId}:${attempt}`).digest();
  return [...digest.subarray(0, idPart)].map((byte) => (byte % 36).toString(36)).join('');
}

/** The prefix for a learner, different from every one in `taken`. */
export function deriveLearnerPrefix(displayName: string, learnerId: string, taken: ReadonlySet<string> = new Set()): string {
  const head = readable(displayName) || 'l';
  for (let attempt = 0; ; attempt++) {
    const prefix = `${head}-${idCharacters(learnerId, attempt)}`;
    if (!taken.has(prefix)) return prefix;
  }
}

/** The longest ELB name the course makes with this prefix (what the limit is about). */
export function longestElbNameWith(prefix: string): string {
  const lb = withPrefix(prefix, defaultNames.loadBalancer);
  const tg = withPrefix(prefix, defaultNames.targetGroup);
  return lb.length >= tg.length ? lb : tg;
}
