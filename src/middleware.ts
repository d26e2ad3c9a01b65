/**
 * Sets the page's language once per request, as Starlight does: `Astro.locals.lang` and its
 * translator `Astro.locals.t`. Components read these instead of each parsing the URL again.
 */
import { defineMiddleware } from 'astro:middleware';
import { requestLanguage } from './i18n/request-language.ts';
import { useTranslations } from './i18n/translate.ts';

export const onRequest = defineMiddleware((context, next) => {
  // A rewrite (an unknown /ja/… page shown as the 404 page) runs this again with the new URL:
  // keep the language of the address the reader asked for.
  if (!context.locals.lang) {
    context.locals.lang = requestLanguage(context.originPathname, context.request.headers.get('accept-language'));
    context.locals.t = useTranslations(context.locals.lang);
  }
  return next();
});
