import { accessSync, constants } from 'node:fs';
import { homedir, userInfo } from 'node:os';

/**
 * The environment of the learner's shell, built from scratch rather than copied from the server's
 * `process.env`: only what a shell needs plus the learner's own AWS and Docker settings. The
 * launch secret lives only in memory and server settings (`ECS_WORKBOOK_*`, `PORT`, …) are never
 * copied, so nothing the shell runs can read them.
 */
export function shellEnvironment(learner: NodeJS.ProcessEnv, shell: string, options: { pathFirst?: string } = {}): Record<string, string> {
  const user = learner.USER || learner.LOGNAME || safeUserName();
  const env: Record<string, string> = {
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    HOME: learner.HOME || homedir(),
    // The workbook's own `ecs-workbook` launcher first (cli-launcher.ts), then the learner's PATH.
    PATH: [options.pathFirst, learner.PATH || '/usr/local/bin:/usr/bin:/bin'].filter(Boolean).join(':'),
    SHELL: shell,
    USER: user,
    LOGNAME: user,
    // Without a UTF-8 locale, bash and many tools mangle non-ASCII text (Japanese lessons).
    LANG: learner.LANG || 'C.UTF-8',
  };
  // LC_ALL overrides LANG, so it is added only when the learner set no locale of their own.
  if (learner.LC_ALL) env.LC_ALL = learner.LC_ALL;
  else if (!learner.LANG) env.LC_ALL = 'C.UTF-8';
  for (const [name, value] of Object.entries(learner)) {
    if (value !== undefined && (name.startsWith('AWS_') || name === 'DOCKER_HOST')) env[name] = value;
  }
  // AWS CLI v2 pipes long output into `less`. The Run button types a whole block into the shell,
  // so a pager opened by its first line would swallow the lines after it as keystrokes: no pager,
  // even over a learner's own AWS_PAGER (it also wins over `cli_pager` in ~/.aws/config).
  env.AWS_PAGER = '';
  return env;
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'learner';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The learner's login shell: `$SHELL`, else the account's shell, else bash, else sh. */
export function learnerShell(learner: NodeJS.ProcessEnv): string {
  let account: string | undefined;
  try {
    account = userInfo().shell ?? undefined;
  } catch {
    account = undefined;
  }
  const candidates = [learner.SHELL, account, '/bin/bash', '/bin/sh'];
  return candidates.find((path): path is string => !!path && path.startsWith('/') && isExecutable(path)) ?? '/bin/sh';
}
