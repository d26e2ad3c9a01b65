/**
 * Builds the lesson search index when `astro build` finishes. The pages render on the server, so
 * Pagefind has no static HTML to crawl; each lesson becomes one custom record (its URL, text,
 * language and title) instead, written to dist/client/pagefind/ where the server serves it as a
 * static file. Pagefind keeps one index per language and segments Japanese text itself, so the
 * Japanese pages search the Japanese lessons.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { course } from '../../lessons/course.ts';
import { languages } from '../i18n/languages.ts';
import { lessonText } from './lesson-text.ts';

export const searchIndexFolder = 'pagefind';

/** One record per lesson and language that has a file. */
export function lessonRecords(root: string) {
  const records: { url: string; content: string; language: string; meta: { title: string } }[] = [];
  for (const lesson of course.lessons) {
    for (const language of languages) {
      const file = join(root, 'lessons', lesson.folder, `${language}.mdx`);
      if (!existsSync(file)) continue; // untranslated: the English record covers it
      const text = lessonText(readFileSync(file, 'utf8'));
      records.push({
        url: `/${language}/${lesson.slug}/`,
        content: [text.title, text.summary, ...text.objectives, ...text.steps, text.body, ...text.recap, ...text.prediction].join('\n'),
        language,
        meta: { title: text.title },
      });
    }
  }
  return records;
}

export function lessonSearch(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'ecs-workbook:lesson-search',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ logger }) => {
        const started = performance.now();
        const pagefind = await import('pagefind');
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`The search index could not be started: ${errors.join('; ')}`);
        const records = lessonRecords(root);
        for (const record of records) {
          const added = await index.addCustomRecord(record);
          if (added.errors.length) throw new Error(`The search index refused ${record.url}: ${added.errors.join('; ')}`);
        }
        const written = await index.writeFiles({ outputPath: join(root, 'dist', 'client', searchIndexFolder) });
        if (written.errors.length) throw new Error(`The search index could not be written: ${written.errors.join('; ')}`);
        await pagefind.close();
        logger.info(`Search index: ${records.length} lesson pages in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
