/** Texts of the CloudFormation checks (lesson 12), English and Japanese. */
import { commonMessages } from '#check-kit';

const common = commonMessages('cloudformation');
const c = 'cloudformation.stack-complete';
const d = 'cloudformation.stack-deleted';

export const messages = {
  en: {
    ...common.en,
    [`${c}.stack.label`]: 'The stack {stack} is complete',
    [`${c}.stack.missing`]: 'There is no stack with this name in this region. Deploy the template with the command from this step.',
    [`${c}.stack.in-progress`]: 'CloudFormation is creating the resources; the load balancer and the service take a few minutes.',
    [`${c}.stack.creating`]: 'CloudFormation has been creating the stack for {minutes} min (the load balancer and the service usually take 3 to 6). Latest event: {latest}.',
    [`${c}.stack.creating-long`]: 'CloudFormation has been creating the stack for {minutes} min, much longer than usual. Latest event: {latest}. The likely cause is a service whose tasks never become healthy (an image that does not start, a wrong port or health check): ECS keeps replacing them and CloudFormation waits. Read the service\'s events and the task\'s logs (the commands under "Look yourself"). The template\'s deployment circuit breaker stops such a deployment and rolls the stack back; once it has, fix the cause, delete the stack and deploy again.',
    [`${c}.stack.failed-resource`]: '{resource} failed: {reason}. A stack that rolled back on creation must be deleted before you deploy again.',
    [`${c}.stack.failed`]: 'The stack did not complete. The Events tab of the stack in the console says which resource failed and why.',
    [`${d}.stack.label`]: 'The stack {stack} is deleted',
    [`${d}.stack.deleting`]: 'CloudFormation is deleting the resources, the service and load balancer first.',
    [`${d}.stack.delete-failed`]: '{resource} could not be deleted: {reason}. Remove what blocks it, then delete the stack again.',
    [`${d}.stack.exists`]: 'The stack still exists. Delete it: CloudFormation removes everything it created.',
    [`${d}.load-balancer.label`]: 'The stack\'s load balancer is gone',
    [`${d}.load-balancer.hint`]: 'A load balancer with the stack\'s name still exists (made outside the stack?). It is billed by the hour; delete it.',
  },
  ja: {
    ...common.ja,
    [`${c}.stack.label`]: 'スタック {stack} が完了している',
    [`${c}.stack.missing`]: 'このリージョンにこの名前のスタックはありません。この手順のコマンドでテンプレートをデプロイしてください。',
    [`${c}.stack.in-progress`]: 'CloudFormation がリソースを作成中です。ロードバランサーとサービスには数分かかります。',
    [`${c}.stack.creating`]: 'CloudFormation がスタックを作成して {minutes} 分たちました (ロードバランサーとサービスは通常 3〜6 分かかります)。最新のイベント: {latest}。',
    [`${c}.stack.creating-long`]: 'CloudFormation がスタックを作成して {minutes} 分たちました。通常よりずっと長くかかっています。最新のイベント: {latest}。よくある原因は、タスクが正常 (healthy) にならないサービスです (起動しないイメージ、誤ったポートやヘルスチェック)。ECS がタスクを置き換え続け、CloudFormation は待ち続けます。サービスのイベントとタスクのログを読んでください (「自分で確かめる」のコマンド)。テンプレートのデプロイサーキットブレーカーがこのようなデプロイを止めてスタックをロールバックします。ロールバックしたら、原因を直し、スタックを削除してからデプロイし直してください。',
    [`${c}.stack.failed-resource`]: '{resource} が失敗しました: {reason}。作成時にロールバックしたスタックは、削除してからデプロイし直す必要があります。',
    [`${c}.stack.failed`]: 'スタックが完了しませんでした。コンソールのスタックの「イベント」タブに、失敗したリソースと理由があります。',
    [`${d}.stack.label`]: 'スタック {stack} が削除されている',
    [`${d}.stack.deleting`]: 'CloudFormation がリソースを削除中です。先にサービスとロードバランサーを消します。',
    [`${d}.stack.delete-failed`]: '{resource} を削除できませんでした: {reason}。妨げているものを取り除いてから、もう一度スタックを削除してください。',
    [`${d}.stack.exists`]: 'スタックがまだあります。削除すると、CloudFormation が作ったものをすべて消します。',
    [`${d}.load-balancer.label`]: 'スタックのロードバランサーが消えている',
    [`${d}.load-balancer.hint`]: 'スタックと同じ名前のロードバランサーが残っています（スタックの外で作成？）。時間課金されるので削除してください。',
  },
};
