/** Texts of the lesson 05 check (cluster). */
import { couldNotLookMessages } from '../../src/checks/shared/could-not-look.ts';

const common = couldNotLookMessages('cluster');

export const messages = {
  en: {
    ...common.en,
    'cluster.fargate.pass': 'Cluster {cluster} is active in {region} and can run Fargate tasks.',
    'cluster.fargate.fail': 'Cluster {cluster} exists, but needs a fix before lesson 07.',
    'cluster.fargate.pending': 'Cluster {cluster} is still being created.',
    'cluster.fargate.error': 'Cluster {cluster} could not be read.',
    'cluster.fargate.missing': 'There is no cluster {cluster} in {region}.',
    'cluster.fargate.deleted': 'Cluster {cluster} in {region} was deleted (INACTIVE).',
    'cluster.fargate.active.label': 'Cluster {cluster} is ACTIVE in {region}',
    'cluster.fargate.missing.hint': 'Create it. If the console showed a ServerException the first time, that is a known first-cluster error in a new account: create it again.',
    'cluster.fargate.other-region': 'A cluster with this name is active in {regions}, not in {region}. The console was probably in another region. Create it in {region}, or change your region setting and use that region everywhere.',
    'cluster.fargate.near-miss': 'There is a cluster {found}. Did you mean {cluster}? Create {cluster}, or change your cluster setting to {found}.',
    'cluster.fargate.inactive': 'A deleted cluster stays visible as INACTIVE for a while. Create it again with the same name.',
    'cluster.fargate.provisioning': 'The cluster is still being set up; the check looks again by itself.',
    'cluster.fargate.failed': 'Creating the cluster failed. If the console’s stack (Infra-ECS-Cluster-…) is stuck, delete it in CloudFormation, then create the cluster again.',
    'cluster.fargate.provider.label': 'The cluster has the FARGATE capacity provider',
    'cluster.fargate.provider.none': 'The cluster has no capacity providers. The course still works: the task of lesson 07 and the service of lesson 08 ask for launch type FARGATE, which runs on any cluster. A capacity provider strategy naming FARGATE (the console’s default) would be refused, though; the command below adds the provider.',
    'cluster.fargate.provider.ec2-only': 'This cluster was made for EC2 instances (it has EC2 capacity, not Fargate). The course still works: lessons 07 and 08 ask for launch type FARGATE, which this cluster runs. A capacity provider strategy naming FARGATE (the console’s default) would be refused, though; the command below adds FARGATE and keeps the EC2 capacity.',
  },
  ja: {
    ...common.ja,
    'cluster.fargate.pass': 'クラスター {cluster} は {region} で ACTIVE で、Fargate のタスクを実行できます。',
    'cluster.fargate.fail': 'クラスター {cluster} はありますが、レッスン 07 の前に修正が必要です。',
    'cluster.fargate.pending': 'クラスター {cluster} はまだ作成中です。',
    'cluster.fargate.error': 'クラスター {cluster} を読み取れませんでした。',
    'cluster.fargate.missing': '{region} にクラスター {cluster} がありません。',
    'cluster.fargate.deleted': '{region} のクラスター {cluster} は削除されています (INACTIVE)。',
    'cluster.fargate.active.label': '{region} のクラスター {cluster} が ACTIVE である',
    'cluster.fargate.missing.hint': '作成してください。初回にコンソールで ServerException が出た場合は、新しいアカウントで最初のクラスター作成時に起きる既知のエラーです。もう一度作成してください。',
    'cluster.fargate.other-region': 'この名前のクラスターは {region} ではなく {regions} にあります。コンソールが別のリージョンだったようです。{region} に作成するか、リージョンの設定を変えてすべてをそのリージョンで行ってください。',
    'cluster.fargate.near-miss': 'クラスター {found} があります。{cluster} のつもりでしたか? {cluster} を作成するか、クラスター名の設定を {found} に変えてください。',
    'cluster.fargate.inactive': '削除したクラスターはしばらく INACTIVE として見えます。同じ名前でもう一度作成してください。',
    'cluster.fargate.provisioning': 'クラスターはまだ準備中です。チェックは自動でもう一度確認します。',
    'cluster.fargate.failed': 'クラスターの作成に失敗しました。コンソールのスタック (Infra-ECS-Cluster-…) が残っている場合は CloudFormation で削除してから、もう一度作成してください。',
    'cluster.fargate.provider.label': 'クラスターに FARGATE キャパシティプロバイダーがある',
    'cluster.fargate.provider.none': 'クラスターにキャパシティプロバイダーがありません。このままでもコースは進められます。レッスン 07 のタスクもレッスン 08 のサービスも起動タイプ FARGATE を指定し、これはどのクラスターでも動きます。ただし FARGATE を指定するキャパシティプロバイダー戦略 (コンソールの既定) は拒否されます。下のコマンドでプロバイダーを追加できます。',
    'cluster.fargate.provider.ec2-only': 'このクラスターは EC2 インスタンス用です (Fargate ではなく EC2 の容量があります)。このままでもコースは進められます。レッスン 07 と 08 は起動タイプ FARGATE を指定し、このクラスターでも動きます。ただし FARGATE を指定するキャパシティプロバイダー戦略 (コンソールの既定) は拒否されます。下のコマンドで EC2 の容量を残したまま FARGATE を追加できます。',
  },
};
