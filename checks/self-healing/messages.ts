/** Texts of the self-healing checks (lesson 09), English and Japanese. */
import { commonMessages } from '#check-kit';

const common = commonMessages('self-healing');
const p = 'self-healing';

export const messages = {
  en: {
    ...common.en,
    [`${p}.replaced.service.label`]: 'The service {service} exists',
    [`${p}.replaced.service.missing`]: 'The service from lesson 08 is not there. Create it first.',
    [`${p}.replaced.stopped.label`]: 'You stopped a task of the service by hand',
    [`${p}.replaced.stopped.none`]: 'No task of this service was stopped by hand during this lesson. Stop one of its running tasks.',
    [`${p}.replaced.stopped.scheduler`]: 'A task was stopped, but by the service itself (ServiceSchedulerInitiated): it was failing health checks or being replaced. Stop a healthy task by hand.',
    [`${p}.replaced.stopped.aged-out`]: 'The stopped task is no longer listed (ECS lists stopped tasks for about an hour); the service events show a new task was started since.',
    [`${p}.replaced.replacement.label`]: 'The service started a newer task to replace it',
    [`${p}.replaced.replacement.starting`]: 'The replacement is starting.',
    [`${p}.replaced.replacement.not-yet`]: 'The service has not started a replacement yet; it usually does within a minute.',
    [`${p}.replaced.replacement.none`]: 'No newer task has started. Look at the service events (aws ecs describe-services … --query services[0].events[:5]).',
    [`${p}.replaced.count.label`]: 'As many tasks run as the service wants',
    [`${p}.replaced.count.hint`]: 'The replacement is not counted as running yet.',
    [`${p}.scaled-out.desired.label`]: 'The service wants at least 3 tasks',
    [`${p}.scaled-out.desired.hint`]: 'Scale the service out by raising its desired count to 3.',
    [`${p}.scaled-out.running.label`]: 'All the tasks it wants are running',
    [`${p}.scaled-out.running.hint`]: 'The new task is starting.',
    [`${p}.scaled-out.zones.label`]: 'The tasks are spread over Availability Zones',
    [`${p}.scaled-out.zones.hint`]: 'All tasks run in one Availability Zone. Give the service subnets in two zones so it can spread them.',
  },
  ja: {
    ...common.ja,
    [`${p}.replaced.service.label`]: 'サービス {service} がある',
    [`${p}.replaced.service.missing`]: 'レッスン 08 のサービスがありません。先に作成してください。',
    [`${p}.replaced.stopped.label`]: 'サービスのタスクを手動で停止した',
    [`${p}.replaced.stopped.none`]: 'このレッスンの間に、このサービスのタスクは手動で停止されていません。実行中のタスクを 1 つ停止してください。',
    [`${p}.replaced.stopped.scheduler`]: 'タスクは停止されましたが、サービス自身によるもの（ServiceSchedulerInitiated）です。ヘルスチェックに失敗していたか、置き換え中でした。正常なタスクを手動で停止してください。',
    [`${p}.replaced.stopped.aged-out`]: '停止したタスクはもう一覧に出ません（ECS は 1 時間ほど表示します）が、サービスのイベントにその後新しいタスクが起動したことが出ています。',
    [`${p}.replaced.replacement.label`]: 'サービスが代わりの新しいタスクを起動した',
    [`${p}.replaced.replacement.starting`]: '代わりのタスクが起動中です。',
    [`${p}.replaced.replacement.not-yet`]: 'サービスはまだ代わりを起動していません。通常 1 分以内に起動します。',
    [`${p}.replaced.replacement.none`]: '新しいタスクが起動していません。サービスのイベントを確認してください（aws ecs describe-services … --query services[0].events[:5]）。',
    [`${p}.replaced.count.label`]: 'サービスが求める数のタスクが動いている',
    [`${p}.replaced.count.hint`]: '代わりのタスクはまだ実行中として数えられていません。',
    [`${p}.scaled-out.desired.label`]: 'サービスの必要なタスク数が 3 以上',
    [`${p}.scaled-out.desired.hint`]: '必要なタスク数を 3 に上げてスケールアウトしてください。',
    [`${p}.scaled-out.running.label`]: '必要な数のタスクがすべて動いている',
    [`${p}.scaled-out.running.hint`]: '新しいタスクが起動中です。',
    [`${p}.scaled-out.zones.label`]: 'タスクがアベイラビリティーゾーンに分散している',
    [`${p}.scaled-out.zones.hint`]: 'すべてのタスクが 1 つのアベイラビリティーゾーンで動いています。2 つのゾーンのサブネットをサービスに指定すると分散されます。',
  },
};
