/**
 * What every diagram needs from the page: its language (set by the middleware) and the learner's
 * own resource names, as <Var> shows them (settings with the prefix), else the lesson defaults.
 */
import { safeValue } from '../../lessons/command-variables.ts';
import { defaultNames, type NameSetting } from '../../settings/settings-schema.ts';

export type DiagramNames = Record<NameSetting | 'logGroup', string>;

export function diagramNames(locals: App.Locals): DiagramNames {
  const values = locals.workbook?.variables() ?? {};
  const names = Object.fromEntries(
    (Object.keys(defaultNames) as NameSetting[]).map((name) => [name, safeValue(values, name) || defaultNames[name]]),
  ) as Record<NameSetting, string>;
  return { ...names, logGroup: safeValue(values, 'logGroup') || `/ecs/${names.taskFamily}` };
}
