/** Texts of the new-version check (lesson 10), English and Japanese. */
import { commonMessages } from '#check-kit';

const common = commonMessages('new-version');
const p = 'new-version';

export const messages = {
  en: {
    ...common.en,
    [`${p}.rolled-out.service.label`]: 'The service {service} exists',
    [`${p}.rolled-out.service.missing`]: 'The service from lesson 08 is not there. Create it first.',
    [`${p}.rolled-out.image.label`]: 'A new task-definition revision uses the image you just pushed',
    [`${p}.rolled-out.image.no-new-revision`]: 'There is only one revision. Register a new one that names the new image tag.',
    [`${p}.rolled-out.image.old-image`]: 'The newest revision {revision} does not use the newest image in the repository (tag {tag}). Register a revision with that tag.',
    [`${p}.rolled-out.revision.label`]: 'The service uses the newest revision',
    [`${p}.rolled-out.revision.hint`]: 'Registering a revision changes nothing that runs. Update the service to start the rolling deployment.',
    [`${p}.rolled-out.deployment.label`]: 'The rolling deployment completed',
    [`${p}.rolled-out.deployment.failed`]: 'The deployment failed and was rolled back. Look at the stopped tasks of the new revision (service/running explains them).',
    [`${p}.rolled-out.deployment.rolling`]: 'The rolling deployment is in progress: new tasks start, become healthy, then old ones are drained and stopped.',
    [`${p}.rolled-out.version.label`]: 'The load balancer answers with version 2',
    [`${p}.rolled-out.version.rolling`]: 'During the rollout, old and new tasks both answer; reload to see both.',
    [`${p}.rolled-out.version.old`]: 'The app still says it is the old version. Did the image you pushed contain version 2? Rebuild it from the version-2 sources, push, and register again.',
  },
  ja: {
    ...common.ja,
    [`${p}.rolled-out.service.label`]: 'サービス {service} がある',
    [`${p}.rolled-out.service.missing`]: 'レッスン 08 のサービスがありません。先に作成してください。',
    [`${p}.rolled-out.image.label`]: '新しいタスク定義リビジョンが、プッシュしたばかりのイメージを使っている',
    [`${p}.rolled-out.image.no-new-revision`]: 'リビジョンが 1 つしかありません。新しいイメージタグを指定したリビジョンを登録してください。',
    [`${p}.rolled-out.image.old-image`]: '最新のリビジョン {revision} が、リポジトリの最新イメージ（タグ {tag}）を使っていません。そのタグでリビジョンを登録してください。',
    [`${p}.rolled-out.revision.label`]: 'サービスが最新のリビジョンを使っている',
    [`${p}.rolled-out.revision.hint`]: 'リビジョンを登録しただけでは、動いているものは変わりません。サービスを更新してローリングデプロイを始めてください。',
    [`${p}.rolled-out.deployment.label`]: 'ローリングデプロイが完了した',
    [`${p}.rolled-out.deployment.failed`]: 'デプロイが失敗し、ロールバックされました。新しいリビジョンの停止したタスクを確認してください（service/running が説明します）。',
    [`${p}.rolled-out.deployment.rolling`]: 'ローリングデプロイ中です。新しいタスクが起動して正常になってから、古いタスクがドレインされ停止します。',
    [`${p}.rolled-out.version.label`]: 'ロードバランサーがバージョン 2 を返す',
    [`${p}.rolled-out.version.rolling`]: 'デプロイ中は新旧両方のタスクが応答します。再読み込みすると両方が見えます。',
    [`${p}.rolled-out.version.old`]: 'アプリはまだ古いバージョンを返しています。プッシュしたイメージはバージョン 2 でしたか。バージョン 2 のソースからビルドし直し、プッシュして登録し直してください。',
  },
};
