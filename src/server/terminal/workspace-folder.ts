import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The learner's workspace folder, where the shell starts and the lessons put their files:
 * `ECS_WORKBOOK_WORKSPACE` when set (the settings store will take over this lookup), else
 * `~/ecs-workbook`. Kept to this one function so the setting can be wired in one place.
 */
export function workspaceFolder(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || homedir();
  const configured = env.ECS_WORKBOOK_WORKSPACE?.trim();
  if (!configured) return join(home, 'ecs-workbook');
  if (configured === '~' || configured.startsWith('~/')) return join(home, configured.slice(1));
  return isAbsolute(configured) ? configured : resolve(configured);
}

/** Creates the folder on first start (a learner should not have to `mkdir` before lesson one). */
export function ensureWorkspaceFolder(env: NodeJS.ProcessEnv = process.env): string {
  const folder = workspaceFolder(env);
  mkdirSync(folder, { recursive: true });
  return folder;
}
