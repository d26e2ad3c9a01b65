/**
 * Finds check modules by step id. Entries are lazy loaders (`'network/vpc': () =>
 * import('./network/vpc.ts')`) so the CLI loads only what it runs; a definition itself, or an
 * array of definitions, is accepted too. The engine never knows where the course lives: the
 * composition roots (server, CLI) hand it the course's registry (`checks/index.ts`), and tests may
 * hand it a registry of their own.
 */
import type { CheckDefinition } from './check-contract.ts';

export type AnyCheck = CheckDefinition<any>;
export type CheckModuleLoader = () => Promise<{ default: AnyCheck }>;
export type RegistryEntry = CheckModuleLoader | AnyCheck;

export class UnknownStepError extends Error {
  override name = 'UnknownStepError';
  readonly stepId: string;
  readonly known: string[];
  constructor(stepId: string, known: string[]) {
    super(`There is no check for step "${stepId}". Known steps:\n  ${known.join('\n  ')}`);
    this.stepId = stepId;
    this.known = known;
  }
}

function isDefinition(value: unknown): value is AnyCheck {
  return typeof value === 'object' && value !== null && typeof (value as AnyCheck).observe === 'function' && typeof (value as AnyCheck).judge === 'function';
}

export interface CheckRegistry {
  stepIds(): string[];
  has(stepId: string): boolean;
  load(stepId: string): Promise<AnyCheck>;
}

export function createRegistry(entries: Record<string, RegistryEntry> | AnyCheck[]): CheckRegistry {
  const map = new Map<string, RegistryEntry>(Array.isArray(entries) ? entries.map((check) => [check.id, check]) : Object.entries(entries));
  const loaded = new Map<string, AnyCheck>();
  return {
    stepIds: () => [...map.keys()],
    has: (stepId) => map.has(stepId),
    async load(stepId) {
      const cached = loaded.get(stepId);
      if (cached) return cached;
      const entry = map.get(stepId);
      if (!entry) throw new UnknownStepError(stepId, [...map.keys()]);
      const check = isDefinition(entry) ? entry : (await entry()).default;
      if (!isDefinition(check)) throw new Error(`The check module for "${stepId}" (checks/${stepId}.ts) has no default export made with defineCheck().`);
      if (check.id !== stepId) throw new Error(`The course lists step "${stepId}", but its module says id "${check.id}". Make them the same.`);
      loaded.set(stepId, check);
      return check;
    },
  };
}
