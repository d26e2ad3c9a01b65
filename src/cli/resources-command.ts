/**
 * `ecs-workbook resources [--json] [--lang en|ja] [--data-dir DIR]`: what the Checks found (the
 * learner's latest resource set in the progress file), with the cost per hour and the cost so
 * far. Reads only the progress file: it never calls AWS (run the Checks for fresh news).
 */
import { resolve } from 'node:path';
import { readConfig, ConfigError } from '../config.ts';
import { costSoFar } from '../cost/hourly-cost.ts';
import { priceTable } from '../cost/prices.ts';
import { openLearnerStore, StoreOpenError } from '../progress/open-learner-store.ts';
import { ProgressStoreError } from '../progress/progress-store.ts';
import { dataDir } from '../settings/data-dir.ts';
import { soloLearner } from '../shared/principal.ts';
import { useTranslations, type MessageKey } from '../i18n/translate.ts';
import { cliLanguage } from './cli-language.ts';
import { formatUsd } from '../cost/format-money.ts';

const usageExitCode = 4;
const couldNotExitCode = 3;

export async function resourcesCommand(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, now = new Date()): Promise<number> {
  let json = false;
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--data-dir') dir = argv[++i];
    else if (arg === '--lang') i++;
    else {
      console.error(`Unknown option "${arg}". Usage: ecs-workbook resources [--json] [--lang en|ja] [--data-dir DIR]`);
      return usageExitCode;
    }
  }
  const lang = cliLanguage(argv, env);
  const t = useTranslations(lang);
  let config;
  try {
    config = readConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return usageExitCode;
  }
  let set;
  try {
    const store = openLearnerStore(dir ? resolve(dir) : dataDir(config.dataDir, env));
    try {
      set = store.forLearner(soloLearner.id).resources();
    } finally {
      store.close();
    }
  } catch (error) {
    if (error instanceof StoreOpenError || error instanceof ProgressStoreError) {
      console.error(error.message);
      return couldNotExitCode;
    }
    throw error;
  }
  const cost = costSoFar(set.resources, now);
  if (json) {
    console.log(JSON.stringify({ resources: set.resources, updatedAt: set.updatedAt ?? null, cost, prices: { asOf: priceTable.asOf, source: priceTable.source } }, null, 2));
    return 0;
  }
  if (set.resources.length === 0) {
    console.log(t('cli.resources.none'));
    return 0;
  }
  const perHour = new Map(cost.lines.map((line) => [`${line.type} ${line.region} ${line.id}`, line]));
  for (const region of [...new Set(set.resources.map((resource) => resource.region))]) {
    console.log(t('cli.resources.header', { region }));
    for (const resource of set.resources.filter((entry) => entry.region === region)) {
      const line = perHour.get(`${resource.type} ${resource.region} ${resource.id}`);
      const price = line?.priced ? `  ${formatUsd(line.usdPerHour, lang)}/h` : '';
      const state = t(`map.state.${resource.presence}` as MessageKey);
      console.log(`  ${t(`resource.type.${resource.type}` as MessageKey).padEnd(28)} ${(resource.name ?? resource.id).padEnd(40)} ${state}${resource.state ? ` (${resource.state})` : ''}${price}`);
    }
  }
  console.log('');
  console.log(t('cli.resources.total', { usd: formatUsd(cost.usdPerHour, lang) }));
  if (cost.runningSince) console.log(t('cli.resources.so-far', { since: new Date(cost.runningSince).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US'), usd: formatUsd(cost.usdSoFar, lang) }));
  if (cost.unpricedRegions.length) console.log(t('cli.resources.unpriced', { regions: cost.unpricedRegions.join(', ') }));
  return 0;
}
