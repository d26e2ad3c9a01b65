/** Texts of the lesson 01 checks (containers). */

export const messages = {
  en: {
    'containers.first-run.pass': 'A container has run on your engine ({image}).',
    'containers.first-run.ran.label': 'A container ran to completion, or is running',
    'containers.first-run.none': 'No container has run on this engine yet.',
    'containers.first-run.none.hint': 'Run the lesson’s command. It downloads the busybox image from the ECR Public Gallery and starts a container from it.',
    'containers.first-run.failed': 'A container ran, but it stopped with an error.',
    'containers.first-run.failed.hint': 'See why with docker logs {id}. A typo in the command after the image name is the usual cause; run the lesson’s command as it is.',
    'containers.first-run.only-earlier': 'No container has run since you started this lesson ({count} older ones are on this engine).',
    'containers.first-run.only-earlier.hint': 'The newest container here, {image}, was created at {created}, before you started this lesson at {started}, so it does not count for this step. Run the lesson’s command now.',
  },
  ja: {
    'containers.first-run.pass': 'エンジンでコンテナが実行されました ({image})。',
    'containers.first-run.ran.label': 'コンテナが正常に終了した、または実行中である',
    'containers.first-run.none': 'このエンジンではまだコンテナが実行されていません。',
    'containers.first-run.none.hint': 'レッスンのコマンドを実行してください。ECR Public Gallery から busybox イメージを取得し、そこからコンテナを起動します。',
    'containers.first-run.failed': 'コンテナは実行されましたが、エラーで停止しました。',
    'containers.first-run.failed.hint': 'docker logs {id} で理由を確認できます。多くはイメージ名の後ろのコマンドの打ち間違いです。レッスンのコマンドをそのまま実行してください。',
    'containers.first-run.only-earlier': 'このレッスンを始めてからコンテナは実行されていません (それ以前のコンテナが {count} 個あります)。',
    'containers.first-run.only-earlier.hint': 'このエンジンで最も新しいコンテナ {image} は {created} に作られました。レッスンを始めた {started} より前なので、この手順には数えません。レッスンのコマンドを今実行してください。',
  },
};
