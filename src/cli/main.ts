import { StoreOpenError } from '../progress/open-learner-store.ts';
import { ConfigError } from '../config.ts';
import { parseServerOptions, UsageError } from '../server/server-options.ts';

/** "Could not check": the same code the check command uses when the workbook cannot look. */
const couldNotExitCode = 3;

const usage = `Usage: ecs-workbook <command>

Commands:
  start [--port N] [--host ADDRESS] [--no-open]   serve the workbook (default: http://127.0.0.1:4321/)
  check <step-id> [--lesson SLUG] [--all] [--json] [--watch]
                                                  check steps against your AWS account and Docker;
                                                  \`ecs-workbook check --help\` for more
  link [--port N]                                 a fresh one-time sign-in link for another browser
                                                  (each link signs in one browser only)
`;

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
      case 'check': {
        const { checkCommand, checkUsage } = await import('./check-command.ts');
        if (rest.includes('--help') || rest.includes('-h')) {
          console.log(checkUsage);
          return 0;
        }
        return await checkCommand(rest);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(usage);
        return command === undefined ? 2 : 0;
      default:
        console.error(`Unknown command "${command}".\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage}`);
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
