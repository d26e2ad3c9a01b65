import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The learner's workspace folder, where the shell starts and the lessons put their files: the
 * workspace setting when there is one, else `ECS_WORKBOOK_WORKSPACE`, else `~/ecs-workbook`.
 */
export function workspaceFolder(env: NodeJS.ProcessEnv = process.env, setting?: string): string {
  const home = env.HOME || homedir();
  const configured = setting?.trim() || env.ECS_WORKBOOK_WORKSPACE?.trim();
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
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`the workspace folder ${folder} cannot be made (${code}); choose another one in Settings`);
  }
  return folder;
}
