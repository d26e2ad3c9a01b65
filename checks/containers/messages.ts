/** Texts of the lesson 01 checks (containers). */
import { couldNotLookMessages } from '../../src/checks/shared/could-not-look.ts';

const common = couldNotLookMessages('containers');

export const messages = {
  en: {
    ...common.en,
    'containers.first-run.pass': 'A container has run on your engine ({image}).',
    'containers.first-run.ran.label': 'A container ran to completion, or is running',
    'containers.first-run.none': 'No container has run on this engine yet.',
    'containers.first-run.none.hint': 'Run the lesson’s command. It downloads the busybox image from the ECR Public Gallery and starts a container from it.',
    'containers.first-run.failed': 'A container ran, but it stopped with an error.',
    'containers.first-run.failed.hint': 'See why with docker logs {id}. A typo in the command after the image name is the usual cause; run the lesson’s command as it is.',
  },
  ja: {
    ...common.ja,
    'containers.first-run.pass': 'エンジンでコンテナが実行されました ({image})。',
    'containers.first-run.ran.label': 'コンテナが正常に終了した、または実行中である',
    'containers.first-run.none': 'このエンジンではまだコンテナが実行されていません。',
    'containers.first-run.none.hint': 'レッスンのコマンドを実行してください。ECR Public Gallery から busybox イメージを取得し、そこからコンテナを起動します。',
    'containers.first-run.failed': 'コンテナは実行されましたが、エラーで停止しました。',
    'containers.first-run.failed.hint': 'docker logs {id} で理由を確認できます。多くはイメージ名の後ろのコマンドの打ち間違いです。レッスンのコマンドをそのまま実行してください。',
  },
};
