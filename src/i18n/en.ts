/** Every UI string in English. Keys are dotted by area; `{name}` marks a parameter. */
export const en = {
  'site.title': 'ECS Workbook',
  'site.tagline': 'Learn Amazon ECS on Fargate by doing: read a step, run it in the terminal beside it, and Check it against your real AWS account.',
  'nav.home': 'All lessons',
  'nav.skip': 'Skip to the lesson',
  'nav.previous': 'Previous',
  'nav.next': 'Next',
  'nav.lessons': 'Lessons',
  'nav.steps': 'Steps in this lesson',
  'language.label': 'Language',
  'home.heading': 'The course',
  'home.progress': '{done} of {total} steps passed',
  'home.start': 'Start with “{title}”',
  'lesson.minutes': '{minutes} min',
  'lesson.cost': 'Cost',
  'lesson.fallback': 'This lesson is not translated yet, so it is shown in English.',
  'step.label': 'Step',
  'step.status.not-started': 'Not started',
  'step.status.pass': 'Passed',
  'step.status.fail': 'Not yet',
  'step.status.pending': 'Settling',
  'step.status.error': 'Could not check',
  'command.copy': 'Copy',
  'command.copied': 'Copied',
  'command.copy-failed': 'Select the text and copy it by hand',
  'command.run': 'Run',
  'command.run-title': 'Type this command into the terminal and press Enter',
  'command.placeholder': 'Your value for {name}',
  'tabs.cli': 'AWS CLI',
  'tabs.console': 'AWS console',
  'callout.tip': 'Tip',
  'callout.note': 'Note',
  'callout.warning': 'Warning',
  'callout.cost': 'Cost',
  'terminal.title': 'Terminal',
  'terminal.loading': 'Starting the terminal…',
  'notfound.title': 'Page not found',
  'notfound.body': 'There is no page at {path}. The lesson may have moved, or the address has a typo.',
  // The check command in the terminal (ecs-workbook check)
  'cli.status.pass': 'PASS',
  'cli.status.fail': 'FAIL',
  'cli.status.pending': 'PENDING',
  'cli.status.error': 'COULD NOT CHECK',
  'cli.status.warn': 'WARN',
  'cli.expected': 'expected',
  'cli.actual': 'actual',
  'cli.watch-again': 'Checking again in {seconds} s (Ctrl-C stops).',
  'cli.no-lesson': 'There is no lesson "{lesson}". Lessons: {lessons}',
  'cli.usage': `Usage: ecs-workbook <command>

Commands:
  start [--port N] [--host ADDRESS] [--no-open]   serve the workbook (default: http://127.0.0.1:4321/)
  check <step-id> [--lesson SLUG] [--all] [--json] [--watch]
                                                  check steps against your AWS account and Docker;
                                                  \`ecs-workbook check --help\` for more
  link [--port N]                                 a fresh one-time sign-in link for another browser
                                                  (each link signs in one browser only)
`,
  'cli.check-usage': `Usage: ecs-workbook check <step-id>… [options]

  <step-id>            e.g. setup/docker (several may be given)
  --lesson <slug>      every step of a lesson (e.g. before-you-start)
  --all                every step of the course
  --json               print the result as JSON (one line per round with --watch)
  --watch              check again until every step passes (back-off while pending); Ctrl-C stops
  --no-record          print the result only: the progress file is read, never written
  --lang en|ja         language of the output (default: your setting, else LANG)
  --data-dir DIR       progress store folder (default: ECS_WORKBOOK_DATA_DIR, else your data folder)
  --module FILE        run a check module from a file (for check authors), not from the registry
  --timeout SECONDS    time limit per check (default 30)
  --settings JSON      with --no-record: use these settings instead of the stored ones (a workshop server passes them)
  --lesson-started ISO with --no-record: the lesson was started at this time (a workshop server passes it)

Exit codes: 0 passed, 1 not yet (failed), 2 still settling (pending), 3 could not check, 4 bad usage.`,
  'cli.no-step': 'Name a step to check.',
  'cli.no-module-check': '{module} has no default export made with defineCheck().',
  'sources.heading': 'What this lesson follows',
  'sources.intro': 'This lesson follows these original Japanese write-ups and AWS sessions:',
  'money.rate': 'Prices are in US dollars, as AWS bills them. The Japanese pages add yen at US$1 = {rate} yen (rate of {date}).',
  'notfound.home': 'Go to the list of lessons',
  // Checks, progress and settings (check engine)
  'check.button': 'Check',
  'check.running': 'Checking…',
  'check.heading.pass': 'Passed',
  'check.heading.fail': 'Not yet',
  'check.heading.pending': 'Still settling',
  'check.heading.error': 'Not your mistake.',
  'check.item.pass': 'OK',
  'check.item.fail': 'Not yet',
  'check.item.pending': 'Settling',
  'check.item.error': 'Could not check',
  'check.item.warn': 'Worth knowing',
  'check.expected': 'Expected',
  'check.actual': 'Found',
  'check.countdown': 'Checking again by itself in {seconds} s (look {attempt} of {limit}).',
  'check.gave-up': 'Still settling after {limit} looks. Press Check to look again.',
  'check.announce': '{step}: {status}. {summary}',
  'check.failed-request': 'The workbook server did not answer ({message}). Is it still running?',
  'check.from-terminal': 'Result of a check run from the terminal.',
  'check.details': 'Show the policy',
  'settings.heading': 'Your settings',
  'settings.intro': 'The lessons fill these into every command, and the Checks look for the same names. Leave a field empty to use the default shown in it.',
  'settings.account': 'AWS account',
  'settings.caller': 'Signed in as',
  'settings.unknown-identity': 'not known yet: run the Check of “The AWS CLI knows who you are”',
  'settings.region': 'Region',
  'settings.region-help': 'Default: {region} (from {source}).',
  'settings.region-source.AWS_REGION': 'AWS_REGION',
  'settings.region-source.AWS_DEFAULT_REGION': 'AWS_DEFAULT_REGION',
  'settings.region-source.profile': 'your aws CLI profile',
  'settings.region-source.default': 'the workbook default',
  'settings.region-source.setting': 'this setting',
  'settings.prefix': 'Name prefix (optional, for learners sharing one account)',
  'settings.names': 'Resource names',
  'settings.name.repository': 'ECR repository',
  'settings.name.vpcName': 'VPC name',
  'settings.name.cluster': 'ECS cluster',
  'settings.name.taskFamily': 'Task definition family',
  'settings.name.service': 'ECS service',
  'settings.name.loadBalancer': 'Load balancer',
  'settings.name.targetGroup': 'Target group',
  'settings.name.albSecurityGroup': 'Load balancer security group',
  'settings.name.taskSecurityGroup': 'Task security group',
  'settings.name.executionRole': 'Task execution role',
  'settings.name.logGroup': 'Log group',
  'settings.workspace': 'Workspace folder',
  'settings.language': 'Language of terminal check output',
  'settings.save': 'Save settings',
  'settings.saved': 'Saved. Every command now shows your values.',
  'settings.invalid': 'Not saved: fix the fields marked below.',
  'settings.link': 'Your settings',
  // Terminal pane (issue 3: embedded terminal)
  'terminal.status.connecting': 'Connecting to your shell…',
  'terminal.status.reconnecting': 'Connection lost. Reconnecting…',
  'terminal.status.viewer': 'Read-only: you are watching this shell',
  'terminal.exited': 'The shell exited (code {code}).',
  'terminal.shell-failed': 'The shell could not start: {reason}',
  'terminal.new-shell': 'Start a new shell',
  'terminal.refused': 'The workbook server was restarted, so this page can no longer reach the shell. Reload the page.',
  'terminal.reload': 'Reload',
  'terminal.failed': 'The terminal could not load. Reload the page; if it keeps failing, restart ECS Workbook.',
  'terminal.font-smaller': 'Smaller terminal text',
  'terminal.font-larger': 'Larger terminal text',
  'terminal.screen-reader': 'Screen reader mode: lets assistive technology read the terminal line by line',
  'terminal.screen-reader-short': 'Screen reader',
  'terminal.collapse': 'Hide',
  'terminal.expand': 'Show terminal',
  'terminal.resize-handle': 'Drag (or use the arrow keys) to resize the terminal',
  // Home page: each lesson's steps with their state (checks-fix)
  'home.steps': 'Steps of “{title}”',
  // Sign-in (security: the terminal and the API only for the browser that opened the printed link)
  'signin.terminal': 'This browser is not signed in to the workbook, so the terminal is off. Open the link that npm start printed in its window (it ends in #sign-in=…); each link signs in one browser, and npx ecs-workbook link prints a fresh one.',
  'signin.terminal-short': 'Not signed in',
  'signin.check': 'Checks need a signed-in browser: open the link that npm start printed (it ends in #sign-in=…).',
  // A tab from before a restart: its session cookie belongs to the old launch, so the API answers 401.
  'signin.restarted': 'The workbook was restarted: open the new link it printed (it ends in #sign-in=…). Each link works once; npx ecs-workbook link prints a fresh one.',
  // Workshop sandbox lifecycle (issue 10: idle pause, a sandbox that died, reset, stop)
  'workshop.sandbox.paused': 'Your sandbox was paused after {minutes} min without activity. Your files and history are kept: start a new shell to continue where you left off.',
  'workshop.sandbox.died': 'Your sandbox stopped: {reason}',
  'workshop.sandbox.died-oom': 'it ran out of memory.',
  'workshop.sandbox.died-killed': 'it was stopped unexpectedly (exit code {code}).',
  'workshop.sandbox.offer-reset': 'Start a new shell to start it again with your files, or reset it to get a fresh sandbox (your files and images in it are lost).',
  'workshop.sandbox.reset': 'Reset my sandbox',
  'workshop.sandbox.reset-confirm': 'Reset your sandbox? Everything in it (files, images, shell history) is lost; your progress in the lessons stays.',
  'workshop.sandbox.resetting': 'Resetting your sandbox…',
  'workshop.sandbox.reset-done': 'Your sandbox is fresh. Start a new shell.',
  'workshop.sandbox.reset-failed': 'The reset failed: {reason} Try again in a minute, or ask the instructor.',
  'workshop.sandbox.stopped': 'The workshop has ended: the instructor stopped it, or its time limit was reached. Your progress is kept.',
} as const;

export type MessageKey = keyof typeof en;
