/**
 * When a check cannot look (no engine, no credentials, denied, throttled, network), the result is
 * `error`, never blamed on the learner. Every lesson's messages include the keys made here.
 */
import type { CapturedError, CheckResult } from '../check-contract.ts';

export type CallError = CapturedError['$error'];

/** Errors that mean "we could not look", as opposed to "it is not there". */
export function couldNotLook(lesson: string, error: CallError, where: { region?: string; engine?: boolean } = {}): CheckResult {
  const kind = where.engine ? 'engine' : 'aws';
  return {
    status: 'error',
    summary: { key: `${lesson}.could-not-look.${kind}`, params: { region: where.region ?? '' } },
    items: [
      {
        id: 'could-not-look',
        status: 'error',
        label: { key: `${lesson}.could-not-look.${kind}.label`, params: { region: where.region ?? '' } },
        actual: `${error.name}: ${error.message}`,
        hint: { key: `${lesson}.could-not-look.${kind}.hint`, params: { name: error.name } },
      },
    ],
    resources: [],
  };
}

/** The texts for the keys above, under one lesson's prefix: spread into that lesson's messages. */
export function couldNotLookMessages(lesson: string) {
  return {
    en: {
      [`${lesson}.could-not-look.aws`]: 'The check could not read your AWS account in {region}. This is not a mistake in the lesson.',
      [`${lesson}.could-not-look.aws.label`]: 'Read your AWS account in {region}',
      [`${lesson}.could-not-look.aws.hint`]:
        'AWS answered {name}. Check that your credentials work (aws sts get-caller-identity), have not expired (aws sso login), and may use the read-only policy the workbook shows; then check again.',
      [`${lesson}.could-not-look.engine`]: 'The check could not reach your Docker engine. This is not a mistake in the lesson.',
      [`${lesson}.could-not-look.engine.label`]: 'Reach the Docker engine',
      [`${lesson}.could-not-look.engine.hint`]:
        'The engine answered {name}. Start Docker Desktop (or on Linux: sudo systemctl start docker), check that docker version shows a Server part, then check again.',
    },
    ja: {
      [`${lesson}.could-not-look.aws`]: '{region} の AWS アカウントを読み取れませんでした。レッスンの手順の誤りではありません。',
      [`${lesson}.could-not-look.aws.label`]: '{region} の AWS アカウントを読み取る',
      [`${lesson}.could-not-look.aws.hint`]:
        'AWS の応答は {name} でした。認証情報が有効か (aws sts get-caller-identity)、期限切れでないか (aws sso login)、ワークブックが示す読み取り専用ポリシーが許可されているかを確認してから、もう一度チェックしてください。',
      [`${lesson}.could-not-look.engine`]: 'Docker エンジンに接続できませんでした。レッスンの手順の誤りではありません。',
      [`${lesson}.could-not-look.engine.label`]: 'Docker エンジンに接続する',
      [`${lesson}.could-not-look.engine.hint`]:
        'エンジンの応答は {name} でした。Docker Desktop を起動し (Linux では sudo systemctl start docker)、docker version に Server の欄が表示されることを確認してから、もう一度チェックしてください。',
    },
  };
}
