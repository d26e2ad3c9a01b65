/**
 * A lesson's frontmatter read straight from `lessons/<folder>/<lang>.mdx`, for code that runs
 * outside Astro (the CLI's lesson titles, the test that ties the course manifest to the lessons).
 * It is validated by the same schema as the content collection, so both read the same thing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Language } from '../i18n/languages.ts';
import type { ManifestLesson } from './course-manifest.ts';
import { lessonSchema, type Lesson } from './lesson-schema.ts';

export const lessonsDir = fileURLToPath(new URL('../../lessons/', import.meta.url));

/** The frontmatter of one language's file, or undefined when that file does not exist. */
export function readFrontmatter(folder: string, lang: Language, dir = lessonsDir): Lesson | undefined {
  const file = `${dir}/${folder}/${lang}.mdx`;
  if (!existsSync(file)) return undefined;
  const block = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'))?.[1];
  const parsed = lessonSchema.safeParse(block === undefined ? undefined : parse(block));
  if (!parsed.success) throw new Error(`lessons/${folder}/${lang}.mdx has no valid frontmatter: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The lesson's title in this language, else in English (as its page shows it). */
export function lessonTitle(lesson: ManifestLesson, lang: Language, dir = lessonsDir): string {
  return (readFrontmatter(lesson.folder, lang, dir) ?? readFrontmatter(lesson.folder, 'en', dir))?.title ?? lesson.slug;
}
