/**
 * Turns a could-not-look diagnosis into an `error` item or result: what stopped the workbook from
 * looking, and the fix. It never blames the learner's lesson work (the UI shows it apart from a
 * failure). This is the one vocabulary (`check.error.<kind>.*`) for "could not check", whether the
 * runner found the error before judging or a judge met it.
 */
import type { CapturedError, CheckItem, CheckResult } from './check-contract.ts';
import { diagnose, type CouldNotLook } from './classify-error.ts';
import { readOnlyPolicyText } from './read-only-policy.ts';

export interface FixContext {
  env: NodeJS.ProcessEnv;
  region: string;
  timeoutSeconds?: number;
}

function fixFor(diagnosis: CouldNotLook, context: FixContext): string | undefined {
  const profile = diagnosis.profile ?? context.env.AWS_PROFILE;
  const profileFlag = profile && profile !== 'default' ? ` --profile ${profile}` : '';
  switch (diagnosis.kind) {
    case 'sso-login':
      return `aws sso login${profileFlag}`;
    case 'expired-token':
      return /sso/i.test(diagnosis.error.message) || profile ? `aws sso login${profileFlag}` : undefined;
    case 'no-credentials':
    case 'invalid-credentials':
      return `aws configure${profileFlag}`;
    case 'region-missing':
      return context.region ? `export AWS_REGION=${context.region}` : undefined;
    case 'docker-unreachable':
      return process.platform === 'linux' ? 'sudo systemctl start docker' : undefined;
    case 'docker-permission':
      return 'sudo usermod -aG docker "$USER"';
    case 'endpoint-invalid':
      return 'unset AWS_ENDPOINT_URL';
    case 'not-aws':
      // Shows what answers in AWS's place (a sign-in page's status and type), or drops a wrong endpoint.
      return context.env.AWS_ENDPOINT_URL ? 'unset AWS_ENDPOINT_URL' : `curl -sS -o /dev/null -w '%{http_code} %{content_type}\n' https://sts.${/^[a-z0-9-]+$/.test(context.region) ? context.region : 'us-east-1'}.amazonaws.com/`;
    case 'region-invalid':
      return 'export AWS_REGION=ap-northeast-1';
    default:
      return undefined;
  }
}

/** The item that says what stopped the workbook; `id` names it among the check's other items. */
export function couldNotLookItem(diagnosis: CouldNotLook, context: FixContext, id = 'could-not-look'): CheckItem {
  const { kind, error } = diagnosis;
  const params: Record<string, string | number> = {
    action: diagnosis.action ?? '?',
    profile: diagnosis.profile ?? context.env.AWS_PROFILE ?? 'default',
    region: context.region,
    endpoint: withoutUserInfo(context.env.AWS_ENDPOINT_URL ?? ''),
    dockerHost: context.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock',
    seconds: context.timeoutSeconds ?? 0,
    where: diagnosis.where ?? '',
  };
  const fix = fixFor(diagnosis, context);
  return {
    id,
    status: 'error',
    label: { key: `check.error.${kind}.label`, params },
    actual: `${error.name}: ${error.message}`.slice(0, 600),
    hint: { key: `check.error.${kind}.hint`, params },
    ...(fix && { fix }),
    ...(kind === 'access-denied' && { details: readOnlyPolicyText }),
  };
}

/** The endpoint as the learner may read it: a `user:password@` in it is a secret, shown as `***@`. */
export function withoutUserInfo(endpoint: string): string {
  return endpoint.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
}

export function couldNotLookResult(diagnosis: CouldNotLook, context: FixContext): CheckResult {
  const item = couldNotLookItem(diagnosis, context);
  return { status: 'error', summary: { key: `check.error.${diagnosis.kind}.summary`, params: item.label.params! }, items: [item], resources: [] };
}

/**
 * For a judge that meets an error it cannot read as evidence (the runner already turned every
 * error it recognises into this result before judging): the same words, with what was being read.
 * Judges are pure, so no environment: the fix texts that name a profile say "default".
 */
export function couldNotLookAt(where: string, error: CapturedError['$error'], region = ''): CheckResult {
  return couldNotLookResult(diagnose(error, where), { env: {}, region });
}
