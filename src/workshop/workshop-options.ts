/**
 * How the instructor asked `ecs-workbook workshop` to run, validated before anything starts: each
 * bad option is refused with a message that says what to type instead. A server reachable from
 * other machines carries learners' shells, so a non-loopback --host needs TLS, or the instructor's
 * explicit --insecure-http (which prints a warning).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { loopbackHosts } from '../server/server-options.ts';
import { dataDir } from '../settings/data-dir.ts';
import { readConfig } from '../config.ts';

export class WorkshopUsageError extends Error {
  override name = 'WorkshopUsageError';
}

export const defaultWorkshopPort = 4322;
const minTimeLimitMs = 5 * 60_000;
const maxTimeLimitMs = 72 * 60 * 60_000;
/** A step failing for longer than a whole day is not "stuck" any more but gone. */
const maxStuckAfterMinutes = 24 * 60;

/** "4h", "90m", "1h30m" → milliseconds; undefined when it is none of these. */
export function parseDuration(text: string): number | undefined {
  const match = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?$/.exec(text.trim().toLowerCase());
  if (!match || (!match[1] && !match[2])) return undefined;
  return (Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 60_000;
}

export const workshopOptionsSchema = z
  .object({
    learners: z.number().int().min(1, '--learners must be at least 1 (for example --learners 20).').max(500, '--learners may be at most 500 on one server; run another workshop server for more.').describe('Capacity: how many learners may join; one more is refused and told so.'),
    warm: z.number().int().min(0).max(500, '--warm may be at most 500.').describe('Sandboxes started before anyone joins, so a join gets a shell at once.'),
    timeLimitMs: z.number().int().min(minTimeLimitMs, '--time-limit must be at least 5m (for example --time-limit 4h).').max(maxTimeLimitMs, '--time-limit may be at most 72h (for example --time-limit 8h).').describe('After this long the workshop ends and removes every sandbox (the lifecycle enforces it).'),
    stuckAfterMinutes: z.number().int().min(1, '--stuck-after must be at least 1 minute (for example --stuck-after 10).').max(maxStuckAfterMinutes, `--stuck-after may be at most ${maxStuckAfterMinutes} minutes (for example --stuck-after 15).`).describe('The instructor\'s room counts a learner stuck on a step once it has failed for longer than this many minutes.'),
    host: z.string().min(1).describe('The address to listen on, which is also the address learners type (their browsers send it back in Host).'),
    port: z.number().int().min(1, '--port must be a port number from 1 to 65535.').max(65535, '--port must be a port number from 1 to 65535.').describe('TCP port of the workshop server.'),
    tlsCert: z.string().optional().describe('PEM certificate file for HTTPS.'),
    tlsKey: z.string().optional().describe('PEM private key file for HTTPS.'),
    insecureHttp: z.boolean().describe('Plain HTTP on a non-loopback address, knowingly: join codes and cookies travel readable.'),
    dataDir: z.string().min(1).describe('The workshop\'s folder: its SQLite store (learners, progress) and its sign-in links.'),
    json: z.boolean().describe('Print one JSON line {joinUrl, eventCode, instructorUrl} once ready, for scripts.'),
    rebuild: z.boolean().describe('Build the sandbox image again even when one with the same inputs exists.'),
    prefixes: z.boolean().describe('Give each learner an AWS name prefix, for a room sharing one AWS account.'),
  })
  .describe('The workshop server\'s options, after the command line was read.')
  .superRefine((options, ctx) => {
    if (options.warm > options.learners) {
      ctx.addIssue({ code: 'custom', path: ['warm'], message: `--warm ${options.warm} is more than --learners ${options.learners}: keep at most as many sandboxes warm as learners can join (for example --warm ${Math.min(options.learners, 3)}).` });
    }
    if (!!options.tlsCert !== !!options.tlsKey) {
      ctx.addIssue({ code: 'custom', path: ['tlsCert'], message: 'HTTPS needs both files: give --tls-cert FILE and --tls-key FILE together.' });
    }
    if (options.tlsCert && options.insecureHttp) {
      ctx.addIssue({ code: 'custom', path: ['insecureHttp'], message: '--insecure-http and --tls-cert contradict each other: leave out --insecure-http to serve HTTPS.' });
    }
    if (options.host === '0.0.0.0' || options.host === '::' || options.host === '[::]') {
      ctx.addIssue({ code: 'custom', path: ['host'], message: `--host ${options.host} listens everywhere, but learners' browsers send the address they typed and the server answers only that one: give the address learners will open (for example --host 192.168.1.20 or --host workshop.example.com).` });
    } else if (!loopbackHosts.has(options.host) && !options.tlsCert && !options.insecureHttp) {
      ctx.addIssue({ code: 'custom', path: ['host'], message: `--host ${options.host} is reachable from other machines, where event codes, cookies and learners' shells must not travel in plain text: give --tls-cert FILE --tls-key FILE, or add --insecure-http if this network is private and you accept that.` });
    }
  });

export type WorkshopOptions = z.infer<typeof workshopOptionsSchema>;

/** The workshop's own folder by default: apart from the instructor's own solo progress. */
export function defaultWorkshopDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(readConfig(env).dataDir), 'workshop');
}

function wholeNumber(flag: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new WorkshopUsageError(`${flag} needs a whole number, not "${raw}" (for example ${flag} 20).`);
  return Number(raw);
}

/** Reads `ecs-workbook workshop [options]`; throws WorkshopUsageError with what to do instead. */
export function parseWorkshopOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): WorkshopOptions {
  const raw: Record<string, unknown> = {
    learners: 30,
    timeLimitMs: 4 * 60 * 60_000,
    stuckAfterMinutes: 10,
    host: '127.0.0.1',
    port: defaultWorkshopPort,
    insecureHttp: false,
    dataDir: defaultWorkshopDataDir(env),
    json: false,
    rebuild: false,
    prefixes: false,
  };
  let warmGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || (inline === undefined && next.startsWith('--'))) throw new WorkshopUsageError(`${flag} needs a value (for example ${example[flag] ?? `${flag} VALUE`}).`);
      return next;
    };
    switch (flag) {
      case '--learners':
        raw.learners = wholeNumber(flag, value());
        break;
      case '--warm':
        raw.warm = wholeNumber(flag, value());
        warmGiven = true;
        break;
      case '--time-limit': {
        const text = value();
        const ms = parseDuration(text);
        if (ms === undefined) throw new WorkshopUsageError(`--time-limit "${text}" is not a duration: write hours and minutes, such as 4h, 90m or 2h30m.`);
        raw.timeLimitMs = ms;
        break;
      }
      case '--stuck-after':
        raw.stuckAfterMinutes = wholeNumber(flag, value());
        break;
      case '--host':
        raw.host = value();
        break;
      case '--port':
        raw.port = wholeNumber(flag, value());
        break;
      case '--tls-cert':
        raw.tlsCert = value();
        break;
      case '--tls-key':
        raw.tlsKey = value();
        break;
      case '--data-dir':
        raw.dataDir = value();
        break;
      case '--insecure-http':
      case '--json':
      case '--rebuild':
      case '--prefixes':
        if (inline !== undefined) throw new WorkshopUsageError(`${flag} takes no value: write ${flag} alone.`);
        raw[flag.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] = true;
        break;
      case '--lang':
        // Read by the CLI for the help's language.
        value();
        break;
      default:
        throw new WorkshopUsageError(`Unknown option "${arg}". Run ecs-workbook workshop --help for the list.`);
    }
  }
  if (!warmGiven) raw.warm = Math.min(3, raw.learners as number);
  const parsed = workshopOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new WorkshopUsageError(parsed.error.issues.map((issue) => (issue.message)).join('\n'));
  }
  return parsed.data;
}

const example: Record<string, string> = {
  '--learners': '--learners 20',
  '--warm': '--warm 3',
  '--time-limit': '--time-limit 4h',
  '--stuck-after': '--stuck-after 10',
  '--host': '--host 192.168.1.20',
  '--port': `--port ${defaultWorkshopPort}`,
  '--tls-cert': '--tls-cert cert.pem',
  '--tls-key': '--tls-key key.pem',
  '--data-dir': '--data-dir ./workshop-data',
  '--lang': '--lang ja',
};
