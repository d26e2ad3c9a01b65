import { StoreOpenError } from '../progress/open-learner-store.ts';
import { ConfigError } from '../config.ts';
import { useTranslations } from '../i18n/translate.ts';
import { parseServerOptions, UsageError } from '../server/server-options.ts';
import { cliLanguage } from './cli-language.ts';

/** "Could not check": the same code the check command uses when the workbook cannot look. */
const couldNotExitCode = 3;

/** The command's help, in the reader's language (`--lang`, else the locale). */
const usage = (argv: readonly string[]) => useTranslations(cliLanguage(argv, process.env))('cli.usage');

/** Entry of the `ecs-workbook` command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start': {
        const { startServer } = await import('../server/start-server.ts');
        await startServer(parseServerOptions(rest));
        return 0;
      }
      case 'link': {
        const { linkCommand } = await import('./link-command.ts');
        return linkCommand(rest);
      }
      case 'workshop': {
        const { workshopMain } = await import('../workshop/workshop-main.ts');
        return await workshopMain(rest);
      }
      case 'check': {
        const { checkCommand, checkUsage } = await import('./check-command.ts');
        if (rest.includes('--help') || rest.includes('-h')) {
          console.log(checkUsage(cliLanguage(rest, process.env)));
          return 0;
        }
        return await checkCommand(rest);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(usage(argv));
        return command === undefined ? 2 : 0;
      default:
        console.error(`Unknown command "${command}".\n\n${usage(argv)}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage(argv)}`);
      return 2;
    }
    if (error instanceof StoreOpenError) {
      console.error(error.message);
      return couldNotExitCode;
    }
    if ((error as { code?: string })?.code === 'ERR_SQLITE_ERROR') {
      // The progress file failed while in use (the disk filled, it became read-only): say so in a line.
      console.error(`The progress file could not be used: ${(error as Error).message}. Check the data folder (--data-dir or ECS_WORKBOOK_DATA_DIR), then try again.`);
      return couldNotExitCode;
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}
