/** How the workbook server was asked to run: from the command line first, then the environment. */
export interface ServerOptions {
  /** TCP port; 4321 unless `--port` or `PORT` says otherwise. */
  port: number;
  /** Address to listen on; loopback unless `--host` says otherwise (which prints a warning). */
  host: string;
  /** Open the browser once listening; off with `--no-open` or when `CI` is set. */
  open: boolean;
  /** Show the build's own output as it runs (`--verbose`); otherwise it is shown only if the build fails. */
  verbose: boolean;
}

export const defaultPort = 4321;
export const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

export class UsageError extends Error {
  override name = 'UsageError';
}

function parsePort(raw: string, source: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new UsageError(`${source} must be a port number from 1 to 65535, not "${raw}".`);
  }
  return port;
}

export function parseServerOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const options: ServerOptions = {
    port: env.PORT ? parsePort(env.PORT, 'PORT') : defaultPort,
    host: '127.0.0.1',
    open: !env.CI,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '--port':
        options.port = parsePort(value(), '--port');
        break;
      case '--host':
        options.host = value();
        break;
      case '--open':
        options.open = true;
        break;
      case '--no-open':
        options.open = false;
        break;
      case '--verbose':
        options.verbose = true;
        break;
      default:
        throw new UsageError(`Unknown option "${arg}". Options: --port N, --host ADDRESS, --no-open, --verbose.`);
    }
  }
  return options;
}
