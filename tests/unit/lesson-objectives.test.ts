/**
 * Every lesson, in every language it is written in, opens with its objectives and ends with a
 * recap (3 to 5 points each, as the schema says), and a translation has as many points as the
 * English file, so no language's reader gets less.
 */
import { describe, expect, it } from 'vitest';
import { course } from '../../lessons/course.ts';
import { languages } from '../../src/i18n/languages.ts';
import { readFrontmatter } from '../../src/lessons/lesson-frontmatter.ts';

describe.each(course.lessons.map((lesson) => lesson.folder))('lessons/%s', (folder) => {
  const english = readFrontmatter(folder, 'en')!;

  it.each(languages)('%s has objectives and a recap (3 to 5 points each, the schema says), as many as the English file', (lang) => {
    // readFrontmatter validates with the lesson schema, which requires both lists: a file without them throws here.
    const lesson = readFrontmatter(folder, lang);
    if (!lesson) return expect(lang, 'only a translation may be missing (the page then shows English)').not.toBe('en');
    expect(lesson.objectives.length, `objectives in ${lang}.mdx and en.mdx`).toBe(english.objectives.length);
    expect(lesson.recap.length, `recap points in ${lang}.mdx and en.mdx`).toBe(english.recap.length);
  });
});
