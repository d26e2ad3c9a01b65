import { defaultLanguage, isLanguage, type Language } from './languages.ts';

/**
 * The language of a page request: the first path segment (/ja/…, /en/…), else for the home page at
 * / the first language the browser prefers that the workbook speaks, else English.
 */
export function requestLanguage(pathname: string, acceptLanguage: string | null): Language {
  const first = pathname.split('/')[1];
  if (isLanguage(first)) return first;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => part.trim().slice(0, 2).toLowerCase())
    .find(isLanguage);
  return pathname === '/' && preferred ? preferred : defaultLanguage;
}
