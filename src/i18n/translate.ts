import { en, type MessageKey } from './en.ts';
import { ja } from './ja.ts';
import { defaultLanguage, type Language } from './languages.ts';

export type { MessageKey };
export type MessageParams = Record<string, string | number>;

const dictionaries: Record<Language, Record<MessageKey, string>> = { en, ja };

/** Fills `{name}` parameters; an unknown parameter stays visible so a missing value is noticed, not hidden. */
export function format(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Returns the translator for a language: `t('nav.next')`, `t('home.progress', { done: 1, total: 4 })`. */
export function useTranslations(lang: Language) {
  const dictionary = dictionaries[lang] ?? dictionaries[defaultLanguage];
  return (key: MessageKey, params?: MessageParams) => format(dictionary[key] ?? en[key], params);
}
