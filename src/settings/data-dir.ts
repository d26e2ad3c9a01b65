/**
 * Where progress and settings live: the configured folder (ECS_WORKBOOK_DATA_DIR, read by
 * src/config.ts, or the --data-dir option), else the
 * platform's per-user data folder: $XDG_DATA_HOME/ecs-workbook (~/.local/share/ecs-workbook),
 * ~/Library/Application Support/ecs-workbook on macOS, %LOCALAPPDATA%\ecs-workbook on Windows.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function dataDir(configured: string | undefined, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (configured) return resolve(configured);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ecs-workbook');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'ecs-workbook');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'ecs-workbook');
}

export const storeFileName = 'progress.sqlite';
