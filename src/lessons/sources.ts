/**
 * The Japanese write-ups and AWS sessions the course follows, cited by their own titles. A lesson
 * names the ones it follows in its frontmatter (`sources: [partnercast, ecs-hands-on]`); the page
 * lists them at its end in either language. A URL is given only where the original is public.
 */
export const sources = {
  'hands-on-for-beginners': {
    title: 'AWS Hands-on for Beginners Amazon Elastic Container Service 入門 コンテナイメージを作って動かしてみよう',
    by: 'AWS',
    url: 'https://pages.awscloud.com/JAPAN-event-OE-Hands-on-for-Beginners-ECS-2022-reg-event.html',
  },
  'hands-on-for-beginners-notes': {
    title: 'AWS Hands-on for Beginners Amazon Elastic Container Service 入門 コンテナイメージを作って動かしてみよう：学習メモ',
    by: 'Qiita',
  },
  partnercast: { title: 'AWS PartnerCast はじめてのコンテナ on AWS', by: 'AWS' },
  'partnercast-notes': { title: '【ECS】ECSについて改めて学んでみた', by: 'Zenn' },
  'ecs-hands-on': { title: 'ECSをハンズオンで作成してみる', by: '2025-05-17' },
  'ecs-basics': { title: 'Amazon Elastic Container Serviceの基礎知識のメモ', by: '2024-10-07' },
  'fargate-deploy': { title: 'ECS on Fargateでデプロイ', by: '2024-10-09' },
} as const satisfies Record<string, { title: string; by: string; url?: string }>;

export type SourceId = keyof typeof sources;
export const sourceIds = Object.keys(sources) as [SourceId, ...SourceId[]];
