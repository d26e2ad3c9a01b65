/**
 * `ecs-workbook link [--port N] [--data-dir DIR]`: prints a fresh sign-in link for the workbook
 * running on that port. The link `npm start` printed signs in one browser only; this one signs
 * in one more, within ten minutes. Only the learner can make one: the token goes through a 0600
 * file in their own data folder, which the running server reads.
 */
import { resolve } from 'node:path';
import { freshLinkLifetimeMs, writeFreshLinkToken } from '../server/fresh-sign-in-link.ts';
import { defaultPort, parseServerOptions, UsageError } from '../server/server-options.ts';
import { readConfig } from '../config.ts';
import { dataDir } from '../settings/data-dir.ts';

export function linkCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  let folder = dataDir(readConfig(env).dataDir, env);
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    if (flag !== '--data-dir') {
      rest.push(argv[i]!);
      continue;
    }
    const value = inline ?? argv[++i];
    if (!value) throw new UsageError('--data-dir needs a folder.');
    folder = resolve(value);
  }
  const unknown = rest.find((arg) => !/^--port(=|$)/.test(arg) && !/^\d+$/.test(arg));
  if (unknown) throw new UsageError(`Unknown option "${unknown}". Options of link: --port N (default ${defaultPort}), --data-dir DIR.`);
  const { port } = parseServerOptions(rest, { ...(env.PORT && { PORT: env.PORT }), CI: '1' });
  const token = writeFreshLinkToken(folder, port);
  console.log(`Open this link in the browser to sign in (it works once, within ${freshLinkLifetimeMs / 60_000} minutes; keep it private):\n  http://127.0.0.1:${port}/#sign-in=${token}`);
  return 0;
}
