/**
 * The workbook's own configuration, read from the environment once: by `createWorkbook` (the server,
 * under `npm start` and `astro dev`) and by the CLI, then passed down. No other module reads an
 * `ECS_WORKBOOK_*` variable (a test greps for that). The learner's AWS and Docker variables
 * (AWS_PROFILE, AWS_REGION, DOCKER_HOST …) are not configuration of the workbook: they belong to
 * the learner's world, which checks and the terminal see as it is.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** A sign-in token must be long enough that a local process cannot guess it. */
const minimumTokenLength = 16;

/** A blank variable counts as unset, as a shell's `VAR=` does for most tools. */
const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(blankIsUnset, z.string().trim().optional());
/** A number above 0 written as text; `message` says what is wrong and so what to write instead. */
const optionalPositive = (message: string, whole = false) => {
  const number = z.coerce.number({ error: message }).positive(message);
  return z.preprocess(blankIsUnset, (whole ? number.int(message) : number).optional());
};

export const configSchema = z
  .object({
    ECS_WORKBOOK_DATA_DIR: optionalText.describe(
      'Folder for progress and settings (progress.sqlite). Default: the platform’s per-user data folder ($XDG_DATA_HOME/ecs-workbook, ~/Library/Application Support/ecs-workbook, %LOCALAPPDATA%\\ecs-workbook).',
    ),
    ECS_WORKBOOK_WORKSPACE: optionalText.describe(
      'The learner’s workspace folder (where the terminal opens and lessons put files) when the settings name none; `~/` is the home folder. Default: ~/ecs-workbook.',
    ),
    ECS_WORKBOOK_SIGN_IN_TOKEN: optionalText
      .refine((token) => token === undefined || (token.length >= minimumTokenLength && /^[A-Za-z0-9_-]+$/.test(token)), {
        message: `needs at least ${minimumTokenLength} letters, digits, "-" or "_" (it is for tests and automation; leave it unset otherwise)`,
      })
      .describe('Fixes the sign-in token instead of a random one per launch. For tests and automation only.'),
    ECS_WORKBOOK_TERMINAL_IDLE_MINUTES: optionalPositive('must be a number of minutes above 0')
      .describe('How long a shell with no tab attached lives on, in minutes. Default: 60.'),
    ECS_WORKBOOK_CHECK_TIMEOUT_MS: optionalPositive('must be a whole number of milliseconds above 0', true)
      .describe('Time limit of one check run, in milliseconds. Default: 30000.'),
    ECS_WORKBOOK_TEST_PENDING_DELAYS: optionalText
      .refine((delays) => delays === undefined || /^\d+(,\d+)*$/.test(delays), { message: 'must be seconds separated by commas, e.g. "3,3"' })
      .describe('For tests only: the waits (seconds) between automatic re-checks of a pending result, e.g. "3,3". Learners never set it.'),
  })
  .describe('The environment variables the workbook reads, each optional.');

export type ConfigVariables = z.infer<typeof configSchema>;

/** The configuration in the shape the code uses. */
export interface Config {
  /** Progress store folder, when the environment names one. */
  dataDir?: string;
  /** The workspace folder when the learner's settings name none. */
  workspace?: string;
  /** This launch's sign-in token: fixed by the environment (tests) or random. */
  signInToken: string;
  /** Whether the environment fixed it (then it may sign in many browsers, as tests need). */
  signInTokenFixed: boolean;
  terminalIdleMs: number;
  checkTimeoutMs?: number;
  /** For tests: pending re-check waits, as the Check component takes them ("3,3"). */
  testPendingDelays?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks the environment; a bad value stops the start with the variable and the fix. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`The environment has a setting the workbook cannot use:\n${problems.join('\n')}\nCorrect it or unset it, then start again.`);
  }
  const vars = parsed.data;
  return {
    ...(vars.ECS_WORKBOOK_DATA_DIR && { dataDir: vars.ECS_WORKBOOK_DATA_DIR }),
    ...(vars.ECS_WORKBOOK_WORKSPACE && { workspace: vars.ECS_WORKBOOK_WORKSPACE }),
    signInToken: vars.ECS_WORKBOOK_SIGN_IN_TOKEN ?? randomBytes(32).toString('base64url'),
    signInTokenFixed: vars.ECS_WORKBOOK_SIGN_IN_TOKEN !== undefined,
    terminalIdleMs: (vars.ECS_WORKBOOK_TERMINAL_IDLE_MINUTES ?? 60) * 60_000,
    ...(vars.ECS_WORKBOOK_CHECK_TIMEOUT_MS && { checkTimeoutMs: vars.ECS_WORKBOOK_CHECK_TIMEOUT_MS }),
    ...(vars.ECS_WORKBOOK_TEST_PENDING_DELAYS && { testPendingDelays: vars.ECS_WORKBOOK_TEST_PENDING_DELAYS }),
  };
}
