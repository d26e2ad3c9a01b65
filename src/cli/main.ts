import { ConfigError } from '../config.ts';
import { parseServerOptions, UsageError } from '../server/server-options.ts';

const usage = `Usage: ecs-workbook <command>

Commands:
  start [--port N] [--host ADDRESS] [--no-open]   serve the workbook (default: http://127.0.0.1:4321/)
  check <step-id> [--lesson SLUG] [--all] [--json] [--watch]
                                                  check steps against your AWS account and Docker;
                                                  \`ecs-workbook check --help\` for more
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
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}
