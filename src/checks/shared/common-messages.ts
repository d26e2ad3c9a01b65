/**
 * Message texts every lesson of 06–12 shares (summaries, "could not look"), generated under the
 * lesson's own key prefix so each lesson's `messages.ts` stays self-contained.
 */
export function commonMessages(lesson: string) {
  const k = (suffix: string) => `${lesson}.common.${suffix}`;
  return {
    en: {
      [k('summary.pass')]: 'All good: this step is done.',
      [k('summary.fail')]: 'Not yet: see the items below for what differs and the command that fixes it.',
      [k('summary.pending')]: 'Still settling: AWS is working on it. The Check looks again by itself.',
      [k('summary.error')]: 'The Check could not look. This is not about your work; see below.',
      [k('error.label')]: 'Reading {call}',
      [k('error.denied')]: 'Your identity may not call {call}. Add the read-only policy shown in the settings, then check again.',
      [k('error.credentials')]: 'The AWS credentials are missing or expired. Sign in again (for example `aws sso login` or `aws configure`), then check again.',
      [k('error.region')]: 'No region is set. Set the workbook region in the settings, or export AWS_REGION.',
      [k('error.other')]: 'AWS did not answer {call} as expected (network or throttling). Check again in a moment.',
      [k('other-region')]: '{name} is not in {region}, but it exists in {regions}: the console or the CLI was probably set to another region. Create it in {region} (the workbook\'s region; the command below names it), or change the workbook\'s region setting to where it is and use that region everywhere.',
    },
    ja: {
      [k('summary.pass')]: '完了です。この手順はできています。',
      [k('summary.fail')]: 'まだです。下の項目に、違っている点と直すためのコマンドがあります。',
      [k('summary.pending')]: '反映待ちです。AWS が処理中です。Check は自動でもう一度確認します。',
      [k('summary.error')]: 'Check が確認できませんでした。あなたの作業の問題ではありません。下をご覧ください。',
      [k('error.label')]: '{call} の読み取り',
      [k('error.denied')]: 'この ID には {call} を呼ぶ権限がありません。設定画面の読み取り専用ポリシーを付けてから、もう一度確認してください。',
      [k('error.credentials')]: 'AWS の認証情報がないか、期限切れです。サインインし直して（例: `aws sso login` や `aws configure`）から、もう一度確認してください。',
      [k('error.region')]: 'リージョンが設定されていません。設定画面でリージョンを設定するか、AWS_REGION を export してください。',
      [k('error.other')]: 'AWS が {call} に想定どおり応答しませんでした（ネットワークかスロットリング）。少し待ってからもう一度確認してください。',
      [k('other-region')]: '{name} は {region} にはありませんが、{regions} にあります。コンソールか CLI が別のリージョンだったようです。{region}（ワークブックのリージョン。下のコマンドはこのリージョンを指定しています）に作成するか、ワークブックのリージョン設定をそちらに変えて、すべてをそのリージョンで行ってください。',
    },
  };
}
