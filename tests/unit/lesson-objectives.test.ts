/**
 * Every lesson, in every language it is written in, opens with its objectives and ends with a
 * recap (3 to 5 points each, as the schema says), and a translation has as many points as the
 * English file, so no language's reader gets less. It ends with one prediction question and its
 * answer, written for each language rather than left in English.
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

  it.each(languages)('%s ends with one prediction question, asked as a question, with its answer in the same language', (lang) => {
    // The schema requires `predict`, so a file without it throws in readFrontmatter.
    const lesson = readFrontmatter(folder, lang);
    if (!lesson) return expect(lang, 'only a translation may be missing (the page then shows English)').not.toBe('en');
    expect(lesson.predict.question, `predict.question in ${lang}.mdx`).toMatch(/[?？]$/);
    expect(lesson.predict.answer, `predict.answer in ${lang}.mdx repeats the question instead of answering it`).not.toBe(lesson.predict.question);
    if (lang !== 'en') {
      expect(lesson.predict.question, `predict.question in ${lang}.mdx is still the English one`).not.toBe(english.predict.question);
      expect(lesson.predict.answer, `predict.answer in ${lang}.mdx is still the English one`).not.toBe(english.predict.answer);
    }
  });
});
