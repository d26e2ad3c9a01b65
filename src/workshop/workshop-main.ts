/** `ecs-workbook workshop` in the CLI: help, usage mistakes (exit 2) and start failures (exit 1), each in one message. */
import { cliLanguage } from '../cli/cli-language.ts';
import { useTranslations } from '../i18n/translate.ts';
import { StoreOpenError } from '../progress/open-learner-store.ts';
import { WorkshopStartError, workshopCommand } from './workshop-command.ts';
import { WorkshopUsageError } from './workshop-options.ts';

export async function workshopMain(argv: string[]): Promise<number> {
  const usage = useTranslations(cliLanguage(argv, process.env))('workshop.usage');
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return 0;
  }
  try {
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
