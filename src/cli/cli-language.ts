/**
 * The language of what the CLI prints before it knows the learner's setting (help, usage
 * mistakes): `--lang en|ja` when given, else the locale (LC_ALL, LC_MESSAGES, LANG).
 */
import { isLanguage, type Language } from '../i18n/languages.ts';

export function localeLanguage(env: NodeJS.ProcessEnv): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function cliLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): Language {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const given = at < 0 ? undefined : argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
  return isLanguage(given) ? given : localeLanguage(env);
}
