/**
 * The pre-flight, run before class from `ecs-workbook workshop preflight` or the room's panel:
 * observe (engine, image, machine, shared account), then judge, then say it in the instructor's
 * language. The same report for both.
 */
import type Docker from 'dockerode';
import type { AwsClients } from '../../checks/check-contract.ts';
import type { Language } from '../../i18n/languages.ts';
import { useTranslations, type MessageKey, type MessageParams } from '../../i18n/translate.ts';
import { defaultLimits, type SandboxLimits } from '../../sandbox/sandbox-container.ts';
import { judgeCapacity, judgeDocker, judgeNameLengths, judgeQuotas, summarize, type Finding } from './judge-preflight.ts';
import { observeAwsQuotas, observeDocker, observeHost } from './observe-preflight.ts';

/** The length of the prefixes a workshop derives for its learners ("taroya-k3x9"). */
export const workshopPrefixLength = 11;

export interface PreflightOptions {
  learners: number;
  docker: Docker;
  /** The shared account's clients, for its quotas; absent when the learners use accounts of their own. */
  aws?: AwsClients;
  limits?: SandboxLimits;
  prefixLength?: number;
  imageTag?: string;
}

export interface RenderedFinding {
  id: string;
  status: Finding['status'];
  title: string;
  detail: string;
  fix?: string;
}

export interface PreflightReport {
  learners: number;
  ready: boolean;
  problems: number;
  warnings: number;
  summary: string;
  findings: RenderedFinding[];
}

export async function runPreflight(options: PreflightOptions): Promise<Finding[]> {
  const [docker, aws] = await Promise.all([observeDocker(options.docker, options.imageTag), options.aws ? observeAwsQuotas(options.aws) : Promise.resolve(undefined)]);
  return [
    ...judgeDocker(docker),
    ...judgeCapacity(observeHost(docker), options.limits ?? defaultLimits, options.learners),
    ...judgeQuotas(aws, options.learners),
    judgeNameLengths(options.prefixLength ?? workshopPrefixLength),
  ];
}

export function renderPreflight(findings: readonly Finding[], learners: number, lang: Language): PreflightReport {
  const t = useTranslations(lang);
  const say = (message: { key: string; params?: MessageParams }) => t(message.key as MessageKey, message.params);
  const counts = summarize(findings);
  // Problems first: they are what must happen before class.
  const order = { problem: 0, warn: 1, skipped: 2, ok: 3 } as const;
  const sorted = [...findings].sort((a, b) => order[a.status] - order[b.status]);
  return {
    learners,
    ...counts,
    summary: `${t('preflight.heading', { learners })}: ${counts.ready ? t('preflight.ready', { warnings: counts.warnings }) : t('preflight.not-ready', { problems: counts.problems, warnings: counts.warnings })}`,
    findings: sorted.map((finding) => ({ id: finding.id, status: finding.status, title: say(finding.title), detail: say(finding.detail), ...(finding.fix && { fix: say(finding.fix) }) })),
  };
}
