/**
 * `ecs-workbook check <step-id…> [--lesson <slug>] [--all] [--json] [--watch] [--no-record]
 * [--lang en|ja] [--data-dir DIR] [--module FILE] [--timeout SECONDS]`. Runs the same checks as
 * the Check buttons, records them in the same store (an open browser updates live), and exits
 * 0 pass, 1 fail, 2 pending, 3 error (could not check), 4 bad usage. With --no-record it only
 * prints: a workshop server runs it inside a learner's sandbox and records the result itself.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckStatus } from '../checks/check-contract.ts';
import { UnknownStepError, type AnyCheck } from '../checks/check-registry.ts';
import { courseChecks } from '../../checks/index.ts';
import { course } from '../../lessons/course.ts';
import { createCheckService } from '../checks/check-service.ts';
import { ConfigError, readConfig, type Config } from '../config.ts';
import { isLanguage, type Language } from '../i18n/languages.ts';
import { cliLanguage, localeLanguage } from './cli-language.ts';
import { lessonTitle } from '../lessons/lesson-frontmatter.ts';
import { openLearnerStore, StoreOpenError } from '../progress/open-learner-store.ts';
import { ProgressStoreError, type ProgressStore } from '../progress/progress-store.ts';
import { scratchCopy } from '../progress/scratch-copy.ts';
import { soloLearner } from '../shared/principal.ts';
import { dataDir } from '../settings/data-dir.ts';
import { useTranslations } from '../i18n/translate.ts';
import { formatResult } from './print-result.ts';

export const exitCodes: Record<CheckStatus, number> = { pass: 0, fail: 1, pending: 2, error: 3 };
export const usageExitCode = 4;

/** The check command's help, in the reader's language (`--lang`, else LANG). */
export function checkUsage(lang: Language): string {
  return useTranslations(lang)('cli.check-usage');
}

class CheckUsageError extends Error {}

/** The worst status decides: error > pending > fail > pass. */
export function exitCodeFor(statuses: CheckStatus[]): number {
  return Math.max(0, ...statuses.map((status) => exitCodes[status]));
}

function languageFrom(setting: unknown, env: NodeJS.ProcessEnv): Language {
  return isLanguage(setting) ? setting : localeLanguage(env);
}

interface Options { steps: string[]; lesson?: string; all: boolean; json: boolean; watch: boolean; record: boolean; lang?: string; dataDir?: string; module?: string; timeoutMs?: number; settings?: Record<string, unknown>; lessonStarted?: string }

function parse(argv: string[]): Options {
  const options: Options = { steps: [], all: false, json: false, watch: false, record: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') ? (arg.split('=', 2) as [string, string | undefined]) : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next.startsWith('--')) throw new CheckUsageError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '--lesson': options.lesson = value(); break;
      case '--all': options.all = true; break;
      case '--json': options.json = true; break;
      case '--watch': options.watch = true; break;
      case '--no-record': options.record = false; break;
      case '--lang': options.lang = value(); break;
      case '--data-dir': options.dataDir = value(); break;
      case '--module': options.module = value(); break;
      // A workshop server runs the check in the learner's sandbox, where no progress file of theirs
      // is: it passes the learner's settings and lesson start, which only ever go to the scratch copy.
      case '--settings': {
        let parsed: unknown;
        try {
          parsed = JSON.parse(value());
        } catch {
          throw new CheckUsageError('--settings needs the settings as a JSON object, e.g. --settings \'{"prefix":"ab"}\'.');
        }
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CheckUsageError('--settings needs a JSON object.');
        options.settings = parsed as Record<string, unknown>;
        break;
      }
      case '--lesson-started': {
        const at = value();
        if (Number.isNaN(Date.parse(at))) throw new CheckUsageError(`--lesson-started needs a time such as 2026-01-31T09:00:00Z, not "${at}".`);
        options.lessonStarted = new Date(at).toISOString();
        break;
      }
      case '--timeout': {
        const seconds = Number(value());
        if (!(seconds > 0)) throw new CheckUsageError('--timeout needs a number of seconds above 0.');
        options.timeoutMs = seconds * 1000;
        break;
      }
      default:
        if (flag.startsWith('-')) throw new CheckUsageError(`Unknown option "${arg}".`);
        options.steps.push(arg);
    }
  }
  if (options.lang !== undefined && !isLanguage(options.lang)) throw new CheckUsageError(`--lang must be en or ja, not "${options.lang}".`);
  if ((options.settings || options.lessonStarted) && options.record) throw new CheckUsageError('--settings and --lesson-started go with --no-record: they describe a run whose result someone else records.');
  return options;
}

/** The store failed, not the learner's work: "could not check" (exit 3), never "not yet". */
function storeFailed(error: Error, json: boolean): number {
  if (json) console.log(JSON.stringify({ status: 'error', summary: error.message, exitCode: exitCodes.error }, null, 2));
  else console.error(error.message);
  return exitCodes.error;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Back-off between rounds while something is pending: 10 s, 15 s, 20 s, then every 30 s. */
export const watchDelaysMs = [10_000, 15_000, 20_000, 30_000];

export async function checkCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: Options;
  try {
    options = parse(argv);
  } catch (error) {
    if (error instanceof CheckUsageError) {
      console.error(`${error.message}\n\n${checkUsage(cliLanguage(argv, env))}`);
      return usageExitCode;
    }
    throw error;
  }
  let config: Config;
  try {
    config = readConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return usageExitCode;
  }
  const progressDir = options.dataDir ? resolve(options.dataDir) : dataDir(config.dataDir, env);
  // Without recording, the run reads the learner's settings from a copy and records into the copy.
  const scratch = options.record ? undefined : scratchCopy(progressDir);
  let store: ProgressStore;
  try {
    store = openLearnerStore(scratch?.dir ?? progressDir);
  } catch (error) {
    scratch?.remove();
    if (error instanceof ProgressStoreError || error instanceof StoreOpenError) return storeFailed(error, options.json);
    throw error;
  }
  try {
    // The CLI's edge: it runs in the solo learner's own terminal, so it acts for that learner.
    const service = createCheckService(store.forLearner(soloLearner.id), {
      checks: courseChecks,
      env,
      ...(config.checkTimeoutMs && { checkTimeoutMs: config.checkTimeoutMs }),
      ...(config.workspace && { workspace: config.workspace }),
    });
    if (options.settings) store.forLearner(soloLearner.id).putSettings(options.settings);
    const registry = await service.registry();
    const lang = (options.lang as Language | undefined) ?? languageFrom(service.settings().language, env);
    const t = useTranslations(lang);

    let custom: AnyCheck | undefined;
    if (options.module) {
      custom = ((await import(pathToFileURL(resolve(options.module)).href)) as { default?: AnyCheck }).default;
      if (!custom?.id || typeof custom.observe !== 'function') {
        console.error(t('cli.no-module-check', { module: options.module }));
        return usageExitCode;
      }
      options.steps = [custom.id];
    }

    const courseOrder = course.stepIds();
    let steps = [...options.steps];
    if (options.lesson) {
      const lesson = course.findLesson(options.lesson);
      if (!lesson) {
        const lessons = course.lessons.map((l) => `\n  ${l.slug.padEnd(18)} ${lessonTitle(l, lang)}`).join('');
        console.error(t('cli.no-lesson', { lesson: options.lesson, lessons }));
        return usageExitCode;
      }
      steps.push(...lesson.steps.filter((id) => registry.has(id)));
    }
    if (options.all) {
      const known = registry.stepIds();
      steps.push(...courseOrder.filter((id) => known.includes(id)), ...known.filter((id) => !courseOrder.includes(id)));
    }
    steps = [...new Set(steps)];
    if (options.lessonStarted) for (const lesson of new Set(steps.map((id) => id.split('/')[0]!))) store.forLearner(soloLearner.id).markLessonStarted(lesson, options.lessonStarted);
    if (steps.length === 0) {
      console.error(`${t('cli.no-step')}\n\n${checkUsage(lang)}\n\n${registry.stepIds().join(', ')}`);
      return usageExitCode;
    }
    const unknown = custom ? [] : steps.filter((id) => !registry.has(id));
    if (unknown.length > 0) {
      console.error(new UnknownStepError(unknown[0]!, registry.stepIds()).message);
      return usageExitCode;
    }

    // One invocation is one run for the lesson start: its later steps and --watch rounds are not
    // judged by a start that its own earlier steps recorded.
    const invokedAt = new Date().toISOString();
    const colour = !options.json && Boolean(process.stdout.isTTY) && !env.NO_COLOR;
    for (let round = 0; ; round++) {
      const results = [];
      for (const stepId of steps) {
        const { attempt } = await service.run(stepId, { source: options.watch ? 'watch' : 'cli', ...(custom && { check: custom }), ...(options.timeoutMs && { timeoutMs: options.timeoutMs }), runStartedAt: invokedAt });
        const rendered = await service.render(attempt, lang);
        // Unrecorded, the raw result and snapshot go with it: whoever records it (a workshop server) needs them.
        results.push({ step: stepId, ...(options.record ? { attemptId: attempt.id } : { recorded: false, result: attempt.result, snapshot: attempt.snapshot }), at: attempt.at, durationMs: attempt.durationMs, ...rendered });
        if (!options.json) console.log(`${formatResult(stepId, rendered, lang, colour)}\n`);
      }
      const code = exitCodeFor(results.map((r) => r.status));
      if (options.json) console.log(JSON.stringify(results.length === 1 && !options.watch ? { ...results[0], exitCode: code } : { results, exitCode: code }, null, options.watch ? undefined : 2));
      if (!options.watch || code === 0) return code;
      const pending = results.some((r) => r.status === 'pending');
      const delay = pending ? watchDelaysMs[Math.min(round, watchDelaysMs.length - 1)]! : watchDelaysMs[0]!;
      if (!options.json) console.log(t('cli.watch-again', { seconds: delay / 1000 }));
      await sleep(delay);
    }
  } catch (error) {
    if (error instanceof ProgressStoreError) return storeFailed(error, options.json);
    throw error;
  } finally {
    store.close();
    scratch?.remove();
  }
}
