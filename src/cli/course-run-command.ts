/**
 * `ecs-workbook course run`: a rehearsal of the course. It runs each chosen lesson's commands in
 * order, in a bash set up as the workbook's terminal sets up the learner's, and prints each step's
 * Check as the Check button would show it. Nothing is recorded in the learner's progress.
 *
 * Without --real it runs only against a local emulator (AWS_ENDPOINT_URL on a loopback address),
 * using the stand-ins the lessons declare for what an emulator cannot do. With --real it runs the
 * lessons as written against the configured account: it states the cost first and asks (--yes
 * answers), and it runs the course's cleanup at the end, after a failed command, and on Ctrl-C.
 * Exit: 0 all ran and every Check passed, 1 a command failed, 2 a Check did not pass, 4 bad usage,
 * 130 interrupted.
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { courseChecks } from '../../checks/index.ts';
import { course } from '../../lessons/course.ts';
import { createCheckService } from '../checks/check-service.ts';
import { ConfigError, readConfig } from '../config.ts';
import { lessonCosts } from '../course-run/course-cost.ts';
import { planCourseRun } from '../course-run/course-plan.ts';
import { runCleanup } from '../course-run/cleanup.ts';
import type { CourseShell } from '../course-run/course-shell.ts';
import { CourseRunUsageError, parseCourseRunOptions, type CourseRunOptions } from '../course-run/course-run-options.ts';
import { emulatorProblem, startRehearsalShell } from '../course-run/rehearsal-shell.ts';
import { runLesson } from '../course-run/run-lesson.ts';
import { isLanguage, type Language } from '../i18n/languages.ts';
import { useTranslations } from '../i18n/translate.ts';
import type { ManifestLesson } from '../lessons/course-manifest.ts';
import { lessonTitle } from '../lessons/lesson-frontmatter.ts';
import { openLearnerStore } from '../progress/open-learner-store.ts';
import { scratchCopy } from '../progress/scratch-copy.ts';
import { dataDir } from '../settings/data-dir.ts';
import { placeholderValues } from '../settings/learner-variables.ts';
import { soloLearner } from '../shared/principal.ts';
import { cliLanguage } from './cli-language.ts';
import { formatResult } from './print-result.ts';

const usageExitCode = 4;
const interruptedExitCode = 130;
/** On a real account a step may still be settling when its commands end (targets registering): ask again. */
const pendingRetries = { real: 9, emulator: 0 };
const pendingDelayMs = 20_000;

export function courseRunUsage(lang: Language): string {
  return useTranslations(lang)('course-run.usage');
}

async function confirm(question: string): Promise<boolean> {
  const reader = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes|はい)$/i.test((await reader.question(question)).trim());
  } finally {
    reader.close();
  }
}

export async function courseRunCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: CourseRunOptions;
  try {
    options = parseCourseRunOptions(argv);
  } catch (error) {
    if (!(error instanceof CourseRunUsageError)) throw error;
    console.error(`${error.message}\n\n${courseRunUsage(cliLanguage(argv, env))}`);
    return usageExitCode;
  }
  let lang = options.lang ?? cliLanguage(argv, env);
  let t = useTranslations(lang);

  const chosen: ManifestLesson[] = [];
  let through: ManifestLesson | undefined;
  for (const name of [...options.lessons, ...(options.through === undefined ? [] : [options.through])]) {
    const lesson = course.findLesson(name);
    if (!lesson) {
      const list = course.lessons.map((l) => `\n  ${l.slug.padEnd(18)} ${lessonTitle(l, lang)}`).join('');
      console.error(t('cli.no-lesson', { lesson: name, lessons: list }));
      return usageExitCode;
    }
    if (name === options.through) through = lesson;
    else chosen.push(lesson);
  }
  const plan = planCourseRun(course.lessons, chosen, through);
  const againNote = () => ` (${t('course-run.again-for-12')})`;

  if (!options.real) {
    const problem = emulatorProblem(env);
    if (problem) {
      console.error(t(problem === 'no-endpoint' ? 'course-run.no-emulator' : 'course-run.endpoint-not-loopback', { endpoint: env.AWS_ENDPOINT_URL ?? '' }));
      return usageExitCode;
    }
  }

  let config;
  try {
    config = readConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return usageExitCode;
  }
  // A rehearsal reads the learner's settings but records nothing: it works on a throwaway copy.
  const scratch = scratchCopy(options.dataDir ? resolve(options.dataDir) : dataDir(config.dataDir, env));
  const store = openLearnerStore(scratch.dir);
  let shell: CourseShell | undefined;
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted) {
      // A second Ctrl-C: stop now, cleanup or not, and take the running command with us.
      shell?.close();
      process.exit(interruptedExitCode);
    }
    interrupted = true;
    console.error(`\n${t('course-run.interrupted')}`);
    shell?.close(); // ends the running command and anything it started
  };
  process.on('SIGINT', onInterrupt);
  try {
    const service = createCheckService(store.forLearner(soloLearner.id), {
      checks: courseChecks,
      env,
      ...(config.checkTimeoutMs && { checkTimeoutMs: config.checkTimeoutMs }),
      ...(config.workspace && { workspace: config.workspace }),
    });
    if (!options.lang) {
      const chosen = service.settings().language;
      if (isLanguage(chosen)) (lang = chosen), (t = useTranslations(lang));
    }
    await service.refreshIdentity();
    const vars = await service.variables();
    const values = placeholderValues(vars);

    // The plan first, in order, so the author sees what will run (and, on an account, what it costs).
    const costs = lessonCosts(plan.map((entry) => entry.lesson), lang);
    console.log(t(options.real ? 'course-run.real-intro' : 'course-run.plan', { region: vars.region, account: vars.accountId ?? '?' }));
    plan.forEach((entry, index) => {
      const cost = costs[index]!;
      console.log(`  ${cost.folder}  ${cost.title}${entry.rebuildsForLesson12 ? againNote() : ''}${options.real ? `: ${cost.cost}` : ''}`);
    });
    if (options.real) {
      console.log(t('course-run.real-cleanup'));
      if (!options.yes) {
        if (!process.stdin.isTTY) {
          console.error(t('course-run.confirm-needs-tty'));
          return usageExitCode;
        }
        if (!(await confirm(t('course-run.confirm')))) {
          console.log(t('course-run.declined'));
          return 0;
        }
      }
    }

    const colour = Boolean(process.stdout.isTTY) && !env.NO_COLOR;
    const startShell = () => startRehearsalShell({ learnerEnv: env, workspace: vars.workspace, region: vars.region, real: options.real });
    shell = await startShell();
    shell.onOutput = (chunk) => process.stdout.write(chunk);
    let commandFailed = false;
    let checkNotPassed = false;
    const runStartedAt = new Date(Date.now() - 1000).toISOString();
    const showCheck = async (step: string) => {
      for (let attempt = 0; ; attempt++) {
        const { attempt: recorded } = await service.run(step, { source: 'course-run', runStartedAt });
        const rendered = await service.render(recorded, lang);
        const retries = options.real ? pendingRetries.real : pendingRetries.emulator;
        if (rendered.status === 'pending' && attempt < retries && !interrupted) {
          console.log(t('course-run.pending-again', { step, seconds: pendingDelayMs / 1000 }));
          await new Promise((done) => setTimeout(done, pendingDelayMs));
          continue;
        }
        console.log(`\n${formatResult(step, rendered, lang, colour)}\n`);
        if (rendered.status !== 'pass') checkNotPassed = true;
        return;
      }
    };

    for (const { lesson, rebuildsForLesson12 } of plan) {
      if (interrupted) break;
      console.log(`\n${t('course-run.lesson', { folder: lesson.folder, title: lessonTitle(lesson, lang) })}${rebuildsForLesson12 ? againNote() : ''}`);
      let outcome;
      try {
        outcome = await runLesson({
          folder: lesson.folder,
          shell,
          values,
          useStandIns: !options.real,
          afterStep: showCheck,
          stopped: () => interrupted,
          onCommand: (command, text) => {
            console.log(`\n$ ${text.split('\n').join('\n> ')}`);
            if (command.standIn && !options.real) console.log(t('course-run.stand-in', { reason: command.standInReason ?? '' }));
          },
        });
      } catch (error) {
        if (interrupted) break;
        throw error;
      }
      if (outcome.failure) {
        commandFailed = true;
        console.error(`\n${t('course-run.command-failed', { folder: lesson.folder, code: outcome.failure.result.exitCode })}`);
        break;
      }
    }

    if (options.real) {
      console.log(`\n${t('course-run.cleanup')}`);
      shell.close();
      shell = await startShell();
      shell.onOutput = (chunk) => process.stdout.write(chunk);
      const outcomes = await runCleanup(shell, values, (text) => console.log(`\n$ ${text.split('\n').join('\n> ')}`));
      const failed = outcomes.filter((outcome) => !outcome.ok).length;
      console.log(`\n${t(failed ? 'course-run.cleanup-partial' : 'course-run.cleanup-done', { failed })}`);
      if (failed) {
        for (const step of ['cleanup/billable-gone', 'cleanup/all-gone']) await showCheck(step);
      }
    }
    if (interrupted) return interruptedExitCode;
    if (commandFailed) return 1;
    if (checkNotPassed) {
      console.log(t('course-run.some-checks-not-passed'));
      return 2;
    }
    console.log(t('course-run.all-passed'));
    return 0;
  } finally {
    process.off('SIGINT', onInterrupt);
    shell?.close();
    store.close();
    scratch.remove();
  }
}
