/**
 * `ecs-workbook workshop preflight [--learners N] [--aws] [--region R] [--prefix-length N] [--json]`:
 * run before class. Checks the Docker engine and the sandbox image, this machine's capacity for N
 * learners, and with --aws the shared account's region quotas and the resource names with the
 * learners' prefixes. Each problem says what to fix. Exit 0 ready, 1 problems found, 4 bad usage.
 */
import { createAwsClients } from '../checks/aws-clients.ts';
import { resolveRegion } from '../checks/aws-region.ts';
import { createLazyDocker } from '../checks/docker-client.ts';
import { regionPattern } from '../settings/settings-schema.ts';
import { UsageError } from '../server/server-options.ts';
import { renderPreflight, runPreflight, workshopPrefixLength } from '../workshop/preflight/run-preflight.ts';
import { cliLanguage } from './cli-language.ts';

export const workshopPreflightUsage = `Usage: ecs-workbook workshop preflight [options]
Checks, before class, what a workshop needs; each problem says what to fix.
  --learners N        how many learners to plan for (default 30)
  --aws               also check the shared AWS account's quotas (uses your AWS credentials)
  --region R          the shared account's region (default: AWS_REGION, your profile's, else ap-northeast-1)
  --prefix-length N   the learners' name prefix length (default ${workshopPrefixLength}, what a workshop makes)
  --json              print the report as JSON
  --lang en|ja`;

export interface PreflightArgs {
  learners: number;
  aws: boolean;
  region?: string;
  prefixLength: number;
  json: boolean;
}

export function parsePreflightArgs(argv: readonly string[]): PreflightArgs {
  const args: PreflightArgs = { learners: 30, aws: false, prefixLength: workshopPrefixLength, json: false };
  const whole = (flag: string, text: string, min: number, max: number) => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${text}".`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => {
      const given = inline ?? argv[++i];
      if (given === undefined) throw new UsageError(`${flag} needs a value.`);
      return given;
    };
    if (flag === '--learners') args.learners = whole(flag, value(), 1, 500);
    else if (flag === '--prefix-length') args.prefixLength = whole(flag, value(), 0, 32);
    else if (flag === '--aws') args.aws = true;
    else if (flag === '--json') args.json = true;
    else if (flag === '--lang') value();
    else if (flag === '--region') {
      const region = value();
      if (!regionPattern.test(region)) throw new UsageError(`--region must look like ap-northeast-1, not "${region}".`);
      args.region = region;
    } else throw new UsageError(`Unknown option "${argv[i]}".`);
  }
  return args;
}

export async function workshopPreflightCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(workshopPreflightUsage);
    return 0;
  }
  let args: PreflightArgs;
  try {
    args = parsePreflightArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${workshopPreflightUsage}`);
    return 4;
  }
  const region = args.aws ? (args.region ?? (await resolveRegion(undefined, env)).region) : undefined;
  const findings = await runPreflight({
    learners: args.learners,
    docker: createLazyDocker(30_000),
    ...(region && { aws: createAwsClients({ region, requestTimeoutMs: 10_000 }) }),
    prefixLength: args.prefixLength,
  });
  const report = renderPreflight(findings, args.learners, cliLanguage(argv, env));
  if (args.json) console.log(JSON.stringify(report, null, 2));
  else {
    const mark = { ok: 'OK  ', warn: 'LOOK', problem: 'FIX ', skipped: 'SKIP' } as const;
    console.log(report.summary);
    for (const finding of report.findings) {
      console.log(`\n[${mark[finding.status]}] ${finding.title}\n       ${finding.detail}`);
      if (finding.fix) console.log(`       → ${finding.fix}`);
    }
  }
  return report.ready ? 0 : 1;
}
