/**
 * The learner's settings, validated with the naming rules of the service each name is for, so a bad
 * value is refused with the rule it broke rather than failing later inside AWS. Names are checked
 * with the prefix applied (a long prefix can push a load balancer name past 32 characters).
 */
import { z } from 'zod';
import { languages } from '../i18n/languages.ts';

/** Resource names the learner may change, with the defaults from the sources. */
export const defaultNames = {
  repository: 'ecs-handson-app',
  vpcName: 'ecs-handson-vpc',
  cluster: 'ecs-handson-cluster',
  taskFamily: 'ecs-handson-task',
  service: 'ecs-fargate-service',
  loadBalancer: 'ecs-fargate-alb',
  targetGroup: 'ecs-fargate-tg',
  albSecurityGroup: 'ecs-alb-sg',
  taskSecurityGroup: 'ecs-task-sg',
  executionRole: 'ecsTaskExecutionRole',
} as const;

export type NameSetting = keyof typeof defaultNames;
export const nameSettings = Object.keys(defaultNames) as NameSetting[];
export const defaultWorkspace = '~/ecs-workbook';
/** Long enough for any sensible folder, short enough that the shell's prompt and commands stay usable. */
export const maxWorkspaceLength = 200;

interface Rule { test: (value: string) => boolean; rule: string }

/*
 * Every name is typed into the learner's shell by Run, unquoted (`--cluster-name {{cluster}}`), so
 * each rule allows only characters that mean nothing to a shell and are valid for that AWS
 * resource: letters, digits, ".", "_", "-" (and "/" where AWS allows it), starting with a letter
 * or digit (a leading "-" would read as an option). No spaces, quotes, $, `, ;, &, |, <, >, *, ?, #.
 */
const ecsName: Rule = { test: (v) => /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/.test(v), rule: 'ECS names use 1–255 letters, digits, hyphens and underscores, starting with a letter or digit' };
const elbName = (what: string): Rule => ({
  test: (v) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(v) && !/^internal-/i.test(v),
  rule: `${what} names have at most 32 letters, digits and hyphens, and neither start nor end with a hyphen${what === 'Load balancer' ? ' (nor start with "internal-")' : ''}`,
});
const securityGroupName: Rule = {
  // AWS allows more (spaces, ;, $, …), but those would break or inject into the commands Run types.
  test: (v) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/.test(v) && !/^sg-/i.test(v),
  rule: 'security group names here have 1–255 letters, digits and ._- (characters a shell reads as plain text), start with a letter or digit, and do not start with "sg-"',
};

export const nameRules: Record<NameSetting | 'logGroup', Rule> = {
  repository: {
    test: (v) => v.length >= 2 && v.length <= 256 && /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(v),
    rule: 'ECR repository names have 2–256 lower-case letters and digits, separated by single ".", "_", "-" or "/"',
  },
  vpcName: { test: (v) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/.test(v), rule: 'a VPC name here has 1–256 letters, digits and ._- (characters a shell reads as plain text), starting with a letter or digit' },
  cluster: ecsName,
  taskFamily: ecsName,
  service: ecsName,
  loadBalancer: elbName('Load balancer'),
  targetGroup: elbName('Target group'),
  albSecurityGroup: securityGroupName,
  taskSecurityGroup: securityGroupName,
  // IAM's own set: + = , @ are plain text to a shell too.
  executionRole: { test: (v) => /^[A-Za-z0-9][A-Za-z0-9_+=,.@-]{0,63}$/.test(v), rule: 'IAM role names have 1–64 letters, digits and +=,.@_-, starting with a letter or digit' },
  // AWS also allows "#", which starts a shell comment: left out.
  logGroup: { test: (v) => /^[A-Za-z0-9._/-]{1,512}$/.test(v) && !v.startsWith('-'), rule: 'log group names here have 1–512 letters, digits and ._-/ (no "#": a shell reads it as a comment), not starting with "-"' },
};

export const regionPattern = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

const optionalText = z.string().trim().transform((v) => v || undefined).optional();

export const settingsSchema = z
  .object({
    region: optionalText
      .refine((v) => v === undefined || regionPattern.test(v), 'a region looks like "ap-northeast-1": lower-case area, location and a number'),
    prefix: optionalText
      .refine((v) => v === undefined || /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(v), 'a prefix uses lower-case letters, digits and single hyphens, and starts with a letter')
      .refine((v) => v === undefined || v.length <= 12, 'a prefix has at most 12 characters: it goes in front of every name, and load balancer names may have at most 32'),
    ...Object.fromEntries(nameSettings.map((name) => [name, optionalText])) as Record<NameSetting, typeof optionalText>,
    logGroup: optionalText,
    workspace: optionalText
      .refine(
        (v) => v === undefined || isSafeWorkspacePath(v),
        'the workspace folder path may use only letters, digits and ._-/ ("~" only at the start, as ~ or ~/…); no spaces, quotes or characters a shell treats specially ($ ` ; & | < > * ? and so on), because commands use it unquoted',
      )
      // Relative to what? The server's folder is not the learner's; and `..` hides where it goes.
      .refine((v) => v === undefined || !isSafeWorkspacePath(v) || /^(?:~(?:\/|$)|\/)/.test(v), 'the workspace folder must be a full path: starting with / or ~/ (e.g. ~/ecs-workbook)')
      .refine((v) => v === undefined || !isSafeWorkspacePath(v) || !v.split('/').includes('..'), 'the workspace folder path may not contain ".." (write the folder it leads to instead)')
      .refine((v) => v === undefined || (v.length <= maxWorkspaceLength && v.split('/').every((part) => part.length <= 255)), `the workspace folder path has at most ${maxWorkspaceLength} characters (and at most 255 between slashes)`),
    language: z.enum(languages).optional(),
  })
  .strict()
  .superRefine((settings, ctx) => {
    const prefix = settings.prefix;
    for (const name of nameSettings) {
      const value = withPrefix(prefix, settings[name] ?? defaultNames[name]);
      const rule = nameRules[name];
      if (!rule.test(value)) ctx.addIssue({ code: 'custom', path: [settings[name] ? name : 'prefix'], message: `"${value}" is not allowed: ${rule.rule}` });
    }
    if (settings.logGroup && !nameRules.logGroup.test(settings.logGroup)) {
      ctx.addIssue({ code: 'custom', path: ['logGroup'], message: `"${settings.logGroup}" is not allowed: ${nameRules.logGroup.rule}` });
    }
  });

/** A folder path a shell reads as plain text: `~`, `~/…`, or letters, digits and ._-/ only. */
export function isSafeWorkspacePath(path: string): boolean {
  return /^(?:~(?=\/|$))?[A-Za-z0-9._/-]*$/.test(path) && path.length > 0 && !path.startsWith('-');
}

export type Settings = z.infer<typeof settingsSchema>;

export function withPrefix(prefix: string | undefined, name: string): string {
  return prefix ? `${prefix}-${name}` : name;
}

export interface SettingsProblem { field: string; message: string }

/** Parses settings from the API or the store; bad values come back as a list of field + rule. */
export function parseSettings(input: unknown): { ok: true; settings: Settings } | { ok: false; problems: SettingsProblem[] } {
  const parsed = settingsSchema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, settings: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(settings)', message: issue.message })) };
}

/**
 * Settings read back from the store: a value saved by an older workbook that today's rules refuse
 * (a relative workspace, say) is dropped alone, so the learner keeps every other setting (their
 * prefix, region and names) instead of all of them falling back to the defaults.
 */
export function parseStoredSettings(stored: unknown): { settings: Settings; dropped: SettingsProblem[] } {
  const whole = parseSettings(stored);
  if (whole.ok) return { settings: whole.settings, dropped: [] };
  const fields = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const bad = new Set(whole.problems.map((problem) => problem.field.split('.')[0]));
  const kept = Object.fromEntries(Object.entries(fields).filter(([field]) => !bad.has(field)));
  const again = parseSettings(kept);
  return again.ok ? { settings: again.settings, dropped: whole.problems } : { settings: {}, dropped: whole.problems };
}
