/** The texts the live map and the cost panel need in the browser, in the page's language. */
import { en, type MessageKey } from '../i18n/en.ts';
import type { Language } from '../i18n/languages.ts';
import { useTranslations } from '../i18n/translate.ts';

const prefixes = ['map.', 'cost.', 'resource.type.'];

export function mapLabels(lang: Language): Record<string, string> {
  const t = useTranslations(lang);
  const keys = (Object.keys(en) as MessageKey[]).filter((key) => prefixes.some((prefix) => key.startsWith(prefix)));
  return Object.fromEntries(keys.map((key) => [key, t(key)]));
}
