/**
 * The `ecs-workbook` command inside the workbook's terminal. Lessons tell the learner to run
 * `ecs-workbook check …` in the shell, whose folder is the workspace (~/ecs-workbook), outside the
 * project: there `npx ecs-workbook` would look the name up on the public npm registry and run
 * whatever package a stranger publishes under it. Instead, at each server start, a small launcher
 * is written into `<data dir>/bin` that runs this project's CLI on the Node that runs the
 * workbook, with the workbook's data folder; that folder goes first on the shell's PATH.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const projectBin = resolve(import.meta.dirname, '..', '..', 'bin', 'ecs-workbook.mjs');

/** Always single-quoted: the paths come from the machine and may hold anything. */
const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export interface CliLauncher {
  /** The folder to put first on the shell's PATH. */
  binDir: string;
  /**
   * For bash: a start-up file that does what a login shell does (/etc/profile, then the first of
   * ~/.bash_profile, ~/.bash_login, ~/.profile) and then puts `binDir` first again, because
   * Debian's /etc/profile sets PATH from scratch and would drop it.
   */
  bashRcFile: string;
}

export function writeCliLauncher(dataDir: string, node = process.execPath): CliLauncher {
  const binDir = join(dataDir, 'bin');
  mkdirSync(binDir, { recursive: true, mode: 0o700 });
  const launcher = join(binDir, 'ecs-workbook');
  writeFileSync(
    launcher,
    [
      '#!/bin/sh',
      '# Written by ECS Workbook at each start (src/sandbox/cli-launcher.ts): this project\'s CLI',
      '# on the Node that runs the workbook, never a package from the npm registry.',
      `ECS_WORKBOOK_DATA_DIR=\${ECS_WORKBOOK_DATA_DIR:-${quote(dataDir)}}`,
      'export ECS_WORKBOOK_DATA_DIR',
      `exec ${quote(node)} ${quote(projectBin)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(launcher, 0o755);
  const bashRcFile = join(binDir, 'bash-login.sh');
  writeFileSync(
    bashRcFile,
    [
      '# Written by ECS Workbook (src/sandbox/cli-launcher.ts): a login shell\'s start-up, then',
      '# the workbook\'s own commands first on PATH.',
      '[ -r /etc/profile ] && . /etc/profile',
      'if [ -r ~/.bash_profile ]; then . ~/.bash_profile',
      'elif [ -r ~/.bash_login ]; then . ~/.bash_login',
      'elif [ -r ~/.profile ]; then . ~/.profile',
      'fi',
      `PATH=${quote(binDir)}:"$PATH"`,
      'export PATH',
      '',
    ].join('\n'),
  );
  return { binDir, bashRcFile };
}
