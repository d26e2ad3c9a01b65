/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    workbook?: import('./server/workbook-locals.ts').WorkbookLocals;
    /** The page's language, set once per request by src/middleware.ts. */
    lang: import('./i18n/languages.ts').Language;
    /** The translator for `lang`. */
    t: ReturnType<typeof import('./i18n/translate.ts').useTranslations>;
  }
}
