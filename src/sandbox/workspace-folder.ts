import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * The learner's workspace folder, where the shell starts and the lessons put their files: the
 * folder the learner's variables name (their setting, else ECS_WORKBOOK_WORKSPACE), else
 * `~/ecs-workbook`. `env` is the learner's: its HOME places `~`.
 */
export function workspaceFolder(env: NodeJS.ProcessEnv = process.env, setting?: string): string {
  const home = env.HOME || homedir();
  const configured = setting?.trim();
  if (!configured) return join(home, 'ecs-workbook');
  if (configured === '~' || configured.startsWith('~/')) return join(home, configured.slice(1));
  return isAbsolute(configured) ? configured : resolve(configured);
}

/**
 * Creates the folder on first start (a learner should not have to `mkdir` before lesson one).
 * Throws an Error that says which folder and what to do when it cannot be made.
 */
export function ensureWorkspaceFolder(env: NodeJS.ProcessEnv = process.env, setting?: string): string {
  const folder = workspaceFolder(env, setting);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new Error(`the workspace folder ${folder} cannot be made (${whyNotMade((error as NodeJS.ErrnoException).code)}); choose another in Settings`);
  }
  return folder;
}

/** Why a folder could not be made, in words: learners read this, and errno codes mean nothing to them. */
export function whyNotMade(code: string | undefined): string {
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way';
    case 'EACCES':
    case 'EPERM':
      return 'you may not create folders there';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return 'the system refused';
  }
}

/**
 * Why the shell could not start in this workspace setting, or undefined when it can: the folder
 * exists, or the nearest folder above it that exists lets the learner create it. A file in the
 * way, or a folder that is not theirs, is refused when the setting is saved, not later as a
 * terminal that will not open.
 */
export function workspaceCreationProblem(setting: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const folder = workspaceFolder(env, setting);
  for (let path = folder; ; path = dirname(path)) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      if (dirname(path) === path) return undefined;
      continue; // Not there yet: created on the first start.
    }
    if (!stat.isDirectory()) return `${path} is a file, so the workspace folder ${folder} cannot be made there; choose another folder`;
    if (path === folder) return undefined;
    try {
      accessSync(path, constants.W_OK | constants.X_OK);
      return undefined;
    } catch {
      return `you may not create folders in ${path}; choose a workspace folder under your home folder (e.g. ~/ecs-workbook)`;
    }
  }
}
