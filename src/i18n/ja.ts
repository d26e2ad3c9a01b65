import type { MessageKey } from './en.ts';

/** Every UI string in Japanese. The type makes a missing or unknown key a compile error. */
export const ja = {
  'site.title': 'ECS ワークブック',
  'site.tagline': 'Amazon ECS on Fargate を手を動かして学ぶ: 手順を読み、隣のターミナルで実行し、あなたの AWS アカウントに対してチェックします。',
  'nav.home': 'レッスン一覧',
  'nav.skip': 'レッスン本文へ移動',
  'nav.previous': '前へ',
  'nav.next': '次へ',
  'nav.lessons': 'レッスン',
  'nav.steps': 'このレッスンの手順',
  'language.label': '言語',
  'home.heading': 'コース',
  'home.progress': '{total} 手順中 {done} 手順が完了',
  'home.start': '「{title}」から始める',
  'lesson.minutes': '{minutes} 分',
  'lesson.cost': '費用',
  'lesson.fallback': 'このレッスンはまだ日本語に翻訳されていないため、英語で表示しています。',
  'step.label': '手順',
  'step.status.not-started': '未着手',
  'step.status.pass': '完了',
  'step.status.fail': '未完了',
  'step.status.pending': '反映待ち',
  'step.status.error': '確認できません',
  'command.copy': 'コピー',
  'command.copied': 'コピーしました',
  'command.copy-failed': 'テキストを選択して手動でコピーしてください',
  'command.run': '実行',
  'command.run-title': 'このコマンドをターミナルに入力して Enter を押します',
  'command.placeholder': '{name} に入るあなたの値',
  'tabs.cli': 'AWS CLI',
  'tabs.console': 'AWS コンソール',
  'callout.tip': 'ヒント',
  'callout.note': 'メモ',
  'callout.warning': '注意',
  'callout.cost': '費用',
  'terminal.title': 'ターミナル',
  'terminal.loading': 'ターミナルを起動しています…',
  'notfound.title': 'ページが見つかりません',
  'notfound.body': '{path} にはページがありません。レッスンが移動したか、アドレスが間違っている可能性があります。',
  // The check command in the terminal (ecs-workbook check)
  'cli.status.pass': '合格',
  'cli.status.fail': '未完了',
  'cli.status.pending': '反映待ち',
  'cli.status.error': 'チェック不可',
  'cli.status.warn': '注意',
  'cli.expected': '期待する値',
  'cli.actual': '見つかった値',
  'cli.watch-again': '{seconds} 秒後にもう一度チェックします（Ctrl-C で終了）。',
  'cli.no-lesson': 'レッスン「{lesson}」はありません。レッスン: {lessons}',
  'cli.usage': `使い方: ecs-workbook <コマンド>

コマンド:
  start [--port N] [--host ADDRESS] [--no-open]   ワークブックを起動します (既定: http://127.0.0.1:4321/)
        [--verbose]                               ビルドのメッセージをそのまま表示します
  check <step-id> [--lesson SLUG] [--all] [--json] [--watch]
                                                  AWS アカウントと Docker に対して手順をチェックします。
                                                  詳しくは \`ecs-workbook check --help\`
  link [--port N]                                 別のブラウザー用に、1 回だけ使えるサインインリンクを新しく作ります
                                                  (リンク 1 つでサインインできるブラウザーは 1 つだけです)
`,
  'cli.check-usage': `使い方: ecs-workbook check <step-id>… [オプション]

  <step-id>            例: setup/docker (複数指定できます)
  --lesson <slug>      レッスンのすべての手順 (例: before-you-start)
  --all                コースのすべての手順
  --json               結果を JSON で出力します (--watch では 1 回ごとに 1 行)
  --watch              すべての手順が合格するまでチェックを繰り返します (反映待ちの間は間隔を空けます)。Ctrl-C で終了
  --no-record          結果を出力するだけで、進捗ファイルは読むだけで書き込みません
  --lang en|ja         出力の言語 (既定: あなたの設定、なければ LANG)
  --data-dir DIR       進捗の保存フォルダー (既定: ECS_WORKBOOK_DATA_DIR、なければデータフォルダー)
  --module FILE        チェックモジュールをファイルから実行します (チェックの作成者向け)
  --timeout SECONDS    1 つのチェックの制限時間 (既定 30)

終了コード: 0 合格、1 未完了 (不合格)、2 反映待ち、3 チェックできない、4 使い方の誤り。`,
  'cli.no-step': 'チェックする手順を指定してください。',
  'cli.no-module-check': '{module} には defineCheck() で作った default export がありません。',
  'sources.heading': 'このレッスンの元になった資料',
  'sources.intro': 'このレッスンは次の資料に沿っています。',
  'money.rate': '円の金額は 1 米ドル = {rate} 円（{date}時点）で換算した目安です。AWS の請求は米ドル建てです。',
  'notfound.home': 'レッスン一覧へ',
  // Checks, progress and settings (check engine)
  'check.button': 'チェック',
  'check.running': 'チェックしています…',
  'check.heading.pass': '合格',
  'check.heading.fail': 'まだです',
  'check.heading.pending': '反映を待っています',
  'check.heading.error': 'あなたの作業の誤りではありません。',
  'check.item.pass': 'OK',
  'check.item.fail': 'まだ',
  'check.item.pending': '反映待ち',
  'check.item.error': 'チェック不可',
  'check.item.warn': '注意',
  'check.expected': '期待する値',
  'check.actual': '見つかった値',
  'check.countdown': '{seconds} 秒後に自動でもう一度チェックします ({limit} 回中 {attempt} 回目)。',
  'check.gave-up': '{limit} 回見ても反映が終わっていません。もう一度見るには「チェック」を押してください。',
  'check.announce': '{step}: {status}。{summary}',
  'check.failed-request': 'ワークブックのサーバーが応答しません ({message})。サーバーは動いていますか?',
  'check.from-terminal': 'ターミナルから実行したチェックの結果です。',
  'check.details': 'ポリシーを表示',
  'settings.heading': 'あなたの設定',
  'settings.intro': 'レッスンのすべてのコマンドにこの値が入り、チェックも同じ名前を探します。空欄にすると、欄に表示されている既定値を使います。',
  'settings.account': 'AWS アカウント',
  'settings.caller': 'サインイン中の ID',
  'settings.unknown-identity': 'まだ不明です: 「AWS CLI があなたを識別できる」のチェックを実行してください',
  'settings.region': 'リージョン',
  'settings.region-help': '既定値: {region} ({source} から)。',
  'settings.region-source.AWS_REGION': 'AWS_REGION',
  'settings.region-source.AWS_DEFAULT_REGION': 'AWS_DEFAULT_REGION',
  'settings.region-source.profile': 'aws CLI のプロファイル',
  'settings.region-source.default': 'ワークブックの既定値',
  'settings.region-source.setting': 'この設定',
  'settings.prefix': '名前の接頭辞 (任意。1 つのアカウントを複数人で使う場合)',
  'settings.names': 'リソース名',
  'settings.name.repository': 'ECR リポジトリ',
  'settings.name.vpcName': 'VPC 名',
  'settings.name.cluster': 'ECS クラスター',
  'settings.name.taskFamily': 'タスク定義ファミリー',
  'settings.name.service': 'ECS サービス',
  'settings.name.loadBalancer': 'ロードバランサー',
  'settings.name.targetGroup': 'ターゲットグループ',
  'settings.name.albSecurityGroup': 'ロードバランサーのセキュリティグループ',
  'settings.name.taskSecurityGroup': 'タスクのセキュリティグループ',
  'settings.name.executionRole': 'タスク実行ロール',
  'settings.name.logGroup': 'ロググループ',
  'settings.workspace': '作業フォルダー',
  'settings.language': 'ターミナルのチェック結果の言語',
  'settings.save': '設定を保存',
  'settings.saved': '保存しました。すべてのコマンドにあなたの値が表示されます。',
  'settings.invalid': '保存していません: 下の印の付いた欄を直してください。',
  'settings.link': 'あなたの設定',
  // Terminal pane (issue 3: embedded terminal)
  'terminal.status.connecting': 'シェルに接続しています…',
  'terminal.status.reconnecting': '接続が切れました。再接続しています…',
  'terminal.status.viewer': '閲覧のみ: このシェルを見ています',
  'terminal.exited': 'シェルが終了しました (終了コード {code})。',
  'terminal.shell-failed': 'シェルを開始できませんでした: {reason}',
  'terminal.new-shell': '新しいシェルを起動',
  'terminal.refused': 'ワークブックのサーバーが再起動されたため、このページからシェルに接続できません。ページを再読み込みしてください。',
  'terminal.reload': '再読み込み',
  'terminal.failed': 'ターミナルを読み込めませんでした。ページを再読み込みしてください。それでも失敗する場合は ECS Workbook を再起動してください。',
  'terminal.font-smaller': 'ターミナルの文字を小さく',
  'terminal.font-larger': 'ターミナルの文字を大きく',
  'terminal.screen-reader': 'スクリーンリーダーモード: 支援技術がターミナルを行ごとに読み上げられるようにします',
  'terminal.screen-reader-short': 'スクリーンリーダー',
  'terminal.collapse': '隠す',
  'terminal.expand': 'ターミナルを表示',
  'terminal.resize-handle': 'ドラッグ (または矢印キー) でターミナルの大きさを変更',
  // Home page: each lesson's steps with their state (checks-fix)
  'home.steps': '「{title}」の手順',
  // Sign-in (security: the terminal and the API only for the browser that opened the printed link)
  'signin.terminal': 'このブラウザーはワークブックにサインインしていないため、ターミナルは使えません。npm start が表示したリンク (末尾が #sign-in=…) を開いてください。リンクは 1 つのブラウザーで 1 回だけ使えます。新しいリンクは npx ecs-workbook link で表示できます。',
  'signin.terminal-short': 'サインインしていません',
  'signin.check': 'チェックにはサインインしたブラウザーが必要です。npm start が表示したリンク (末尾が #sign-in=…) を開いてください。',
  'signin.restarted': 'ワークブックが再起動されました。新しく表示されたリンク (末尾が #sign-in=…) を開いてください。リンクは 1 回だけ使えます。新しいリンクは npx ecs-workbook link で表示できます。',
  // Learner navigation, theme, print and search (issue 15: learner-nav)
  'home.continue': '前回の続きから: 「{lesson}」の「{step}」',
  'home.all-passed': 'コースのすべての手順に合格しました。おつかれさまでした。',
  'home.course-time': 'コース全体の所要時間は約 {hours} 時間 {minutes} 分です ({lessons} レッスン)。',
  'nav.lesson-progress': '{total} 手順中 {done} 手順に合格',
  'nav.lesson-done': 'すべての手順に合格',
  'theme.label': 'テーマ',
  'theme.system': 'システム',
  'theme.light': 'ライト',
  'theme.dark': 'ダーク',
  'search.label': 'レッスンを検索',
  'search.placeholder': 'レッスンを検索…',
  'search.no-results': '「{query}」を含むレッスンはありません。短い語や別の語で試してください。',
  'search.results': '{count} 件のレッスンが見つかりました',
  'search.unavailable': '検索を使えません: 検索インデックスが作られていません。ワークブックを止めて、もう一度 npm start を実行してください。',
} as const satisfies Record<MessageKey, string>;
