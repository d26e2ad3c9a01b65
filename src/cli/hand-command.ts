/**
 * `ecs-workbook hand`: raises the learner's hand from their terminal. The sandbox cannot reach the
 * workbook server over the network, so the command speaks through the terminal itself: it prints a
 * private escape sequence that the server, which carries the shell's output to the browser, turns
 * into a raised hand for this learner (src/server/room/hand-signal.ts). Terminals ignore it.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { useTranslations } from '../i18n/translate.ts';
import { handSignal } from '../server/room/hand-signal.ts';
import { cliLanguage } from './cli-language.ts';

export function handCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = useTranslations(cliLanguage(argv, env));
  const unknown = argv.find((arg) => !/^--lang(=|$)/.test(arg) && !['en', 'ja'].includes(arg));
  if (unknown) {
    console.error(`Unknown option "${unknown}". ecs-workbook hand takes no options (only --lang en|ja).`);
    return 4;
  }
  // Through the terminal only: piped into a file, the sequence would reach nobody.
  if (process.stdout.isTTY) writeSync(1, handSignal);
  else {
    let tty: number;
    try {
      tty = openSync('/dev/tty', 'w');
    } catch {
      console.error('ecs-workbook hand works in the workbook\'s own terminal: run it there (this one has no terminal).');
      return 4;
    }
    writeSync(tty, handSignal);
    closeSync(tty);
  }
  console.log(t('room.hand.cli-raised'));
  return 0;
}
