/**
 * How a Check says what it found: `found(type, region, id, …)` fills in the console link, and
 * `missingResource(type, region, name)` records that the learner's resource was looked for and is not there
 * (the map shows it as missing, and the cost stops counting it).
 */
import { consoleUrl } from './console-url.ts';
import type { FoundResource, Presence, ResourceType } from './resource-schema.ts';

type Extra = Partial<Omit<FoundResource, 'type' | 'region' | 'id' | 'consoleUrl'>>;

export function found(type: ResourceType, region: string, id: string | undefined, extra: Extra = {}): FoundResource[] {
  if (!id) return [];
  const { presence = 'exists', ...rest } = extra;
  const definedRest = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined && value !== ''));
  const url = consoleUrl(type, region, id, extra.name);
  return [{ type, region, id, presence: presence as Presence, ...definedRest, ...(url && { consoleUrl: url }) }];
}

export function missingResource(type: ResourceType, region: string, name: string, parent?: string): FoundResource[] {
  return name ? [{ type, region, id: name, name, presence: 'missing', ...(parent && { parent }) }] : [];
}
