/** `ecs-workbook workshop` in the CLI: help, usage mistakes (exit 2) and start failures (exit 1), each in one message. */
import { cliLanguage } from '../cli/cli-language.ts';
import { useTranslations } from '../i18n/translate.ts';
import { StoreOpenError } from '../progress/open-learner-store.ts';
import { WorkshopStartError, workshopCommand } from './workshop-command.ts';
import { defaultWorkshopDataDir, WorkshopUsageError } from './workshop-options.ts';
import { workshopStopCommand } from './stop-command.ts';

/** `workshop stop [--data-dir DIR]`: the data folder's control file names the running server. */
function stopArguments(argv: readonly string[]): string {
  let dir = defaultWorkshopDataDir();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    if (flag === '--data-dir') {
      const value = inline ?? argv[++i];
      if (!value) throw new WorkshopUsageError('--data-dir needs the workshop\'s folder (for example --data-dir ./workshop-data).');
      dir = value;
    } else if (flag !== '--lang') {
      throw new WorkshopUsageError(`Unknown option "${argv[i]}" for workshop stop: it takes only --data-dir DIR (the same as the workshop was started with).`);
    } else i++;
  }
  return dir;
}

export async function workshopMain(argv: string[]): Promise<number> {
  const t = useTranslations(cliLanguage(argv, process.env));
  const usage = `${t('workshop.usage')}\n\n${t('workshop.stop-usage')}`;
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return 0;
  }
  try {
    if (argv[0] === 'stop') return await workshopStopCommand(stopArguments(argv.slice(1)));
    if (argv[0] === 'export') return (await import('../cli/workshop-export-command.ts')).workshopExportCommand(argv.slice(1));
    if (argv[0] === 'preflight') return await (await import('../cli/workshop-preflight-command.ts')).workshopPreflightCommand(argv.slice(1));
    await workshopCommand(argv);
    return 0;
  } catch (error) {
    if (error instanceof WorkshopUsageError) {
      console.error(`${error.message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof WorkshopStartError || error instanceof StoreOpenError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
