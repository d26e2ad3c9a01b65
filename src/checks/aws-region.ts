/**
 * The region the aws CLI would use, so the checks look where the learner's commands act:
 * the workbook's own setting, then AWS_REGION, then AWS_DEFAULT_REGION (the CLI honours it, the
 * SDK v3 does not: a learner whose CLI works with only that variable would otherwise get
 * "Region is missing" from every check), then the active profile's `region` in ~/.aws/config.
 */
import { getProfileName, loadSharedConfigFiles } from '@smithy/core/config';

export type RegionSource = 'setting' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile' | 'default';

export interface ResolvedRegion {
  region: string;
  source: RegionSource;
  /** The profile whose config was read (`default` unless AWS_PROFILE says otherwise). */
  profile: string;
}

export const fallbackRegion = 'ap-northeast-1';

/** The region the aws CLI would use without the workbook's setting, or undefined when it has none. */
export async function cliRegion(env: NodeJS.ProcessEnv = process.env): Promise<Omit<ResolvedRegion, 'source'> & { source: RegionSource } | undefined> {
  const profile = getProfileName({ profile: env.AWS_PROFILE });
  if (env.AWS_REGION) return { region: env.AWS_REGION, source: 'AWS_REGION', profile };
  if (env.AWS_DEFAULT_REGION) return { region: env.AWS_DEFAULT_REGION, source: 'AWS_DEFAULT_REGION', profile };
  try {
    // Read afresh: a region the learner set with `aws configure` after the start counts at once.
    const files = await loadSharedConfigFiles({
      ignoreCache: true,
      ...(env.AWS_CONFIG_FILE && { configFilepath: env.AWS_CONFIG_FILE }),
      ...(env.AWS_SHARED_CREDENTIALS_FILE && { filepath: env.AWS_SHARED_CREDENTIALS_FILE }),
    });
    const region = files.configFile?.[profile]?.region ?? files.credentialsFile?.[profile]?.region;
    if (region) return { region, source: 'profile', profile };
  } catch {
    // An unreadable config file is the credential chain's business to report; the region falls back.
  }
  return undefined;
}

/** The learner's setting wins; otherwise what the aws CLI would use; otherwise ap-northeast-1. */
export async function resolveRegion(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedRegion> {
  const profile = getProfileName({ profile: env.AWS_PROFILE });
  if (setting) return { region: setting, source: 'setting', profile };
  return (await cliRegion(env)) ?? { region: fallbackRegion, source: 'default', profile };
}
