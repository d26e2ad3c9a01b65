import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

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

/** Creates the folder on first start (a learner should not have to `mkdir` before lesson one). */
export function ensureWorkspaceFolder(env: NodeJS.ProcessEnv = process.env, setting?: string): string {
  const folder = workspaceFolder(env, setting);
  mkdirSync(folder, { recursive: true });
  return folder;
}
