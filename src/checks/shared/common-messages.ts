/**
 * Message texts every lesson of 06–12 shares (summaries, a resource found in another region),
 * generated under the lesson's own key prefix so each lesson's `messages.ts` stays self-contained.
 * "Could not look" has one vocabulary for every lesson: the engine's `check.error.*`.
 */
export function commonMessages(lesson: string) {
  const k = (suffix: string) => `${lesson}.common.${suffix}`;
  return {
    en: {
      [k('summary.pass')]: 'All good: this step is done.',
      [k('summary.fail')]: 'Not yet: see the items below for what differs and the command that fixes it.',
      [k('summary.pending')]: 'Still settling: AWS is working on it. The Check looks again by itself.',
      [k('summary.error')]: 'The Check could not look. This is not about your work; see below.',
      [k('other-region')]: '{name} is not in {region}, but it exists in {regions}: the console or the CLI was probably set to another region. Create it in {region} (the workbook\'s region; the command below names it), or change the workbook\'s region setting to where it is and use that region everywhere.',
    },
    ja: {
      [k('summary.pass')]: '完了です。この手順はできています。',
      [k('summary.fail')]: 'まだです。下の項目に、違っている点と直すためのコマンドがあります。',
      [k('summary.pending')]: '反映待ちです。AWS が処理中です。Check は自動でもう一度確認します。',
      [k('summary.error')]: 'Check が確認できませんでした。あなたの作業の問題ではありません。下をご覧ください。',
      [k('other-region')]: '{name} は {region} にはありませんが、{regions} にあります。コンソールか CLI が別のリージョンだったようです。{region}（ワークブックのリージョン。下のコマンドはこのリージョンを指定しています）に作成するか、ワークブックのリージョン設定をそちらに変えて、すべてをそのリージョンで行ってください。',
    },
  };
}
