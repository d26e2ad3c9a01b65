/**
 * The learner's effective variables: settings with the prefix applied and defaults filled in, plus
 * the region and the account id. Checks (LearnerVariables) and `{{placeholders}}` use the same values.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LearnerVariables } from '../checks/check-contract.ts';
import { defaultNames, defaultWorkspace, nameSettings, withPrefix, type Settings } from './settings-schema.ts';

/** Every variable a lesson may show (`{{name}}` in a Command, `<Var name>` in prose). */
export const learnerVariableNames = ['region', 'accountId', 'prefix', ...nameSettings, 'logGroup', 'workspace'] as const satisfies readonly (keyof LearnerVariables)[];
export type LearnerVariableName = (typeof learnerVariableNames)[number];

export function isLearnerVariable(name: string): name is LearnerVariableName {
  return (learnerVariableNames as readonly string[]).includes(name);
}

export function expandHome(path: string): string {
  return path === '~' ? homedir() : path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
}

/** `resolved.workspace` is the configured default (ECS_WORKBOOK_WORKSPACE) when the settings name none. */
export function learnerVariables(settings: Settings, resolved: { region: string; accountId?: string | undefined; workspace?: string | undefined }): LearnerVariables {
  const names = Object.fromEntries(nameSettings.map((name) => [name, withPrefix(settings.prefix, settings[name] ?? defaultNames[name])])) as Record<keyof typeof defaultNames, string>;
  return {
    region: resolved.region,
    ...(resolved.accountId && { accountId: resolved.accountId }),
    prefix: settings.prefix ?? '',
    ...names,
    logGroup: settings.logGroup ?? `/ecs/${names.taskFamily}`,
    // Same fallback as the terminal's workspace folder (the configured one, else ~/ecs-workbook).
    workspace: expandHome(settings.workspace ?? (resolved.workspace || defaultWorkspace)),
  };
}

/** Variables for tests: the defaults, with overrides. */
export function testVariables(overrides: Partial<LearnerVariables> = {}): LearnerVariables {
  return { ...learnerVariables({}, { region: 'ap-northeast-1' }), ...overrides };
}

/** For `{{placeholders}}`: every value as a string (absent ones are left out, so they show as placeholders). */
export function placeholderValues(vars: LearnerVariables, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...vars, ...extra })) if (typeof value === 'string' && value) values[key] = value;
  return values;
}
