/** The languages the workbook speaks. English is the default and the fallback for missing lesson files. */
export const languages = ['en', 'ja'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'en';

export const languageNames: Record<Language, string> = { en: 'English', ja: '日本語' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
