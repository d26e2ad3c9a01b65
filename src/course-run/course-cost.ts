/**
 * What a rehearsal on a real account costs, in the lessons' own words: each chosen lesson's
 * `cost` line from its frontmatter, so the figure the learner reads is the figure the instructor
 * confirms.
 */
import type { Language } from '../i18n/languages.ts';
import type { ManifestLesson } from '../lessons/course-manifest.ts';
import { readFrontmatter } from '../lessons/lesson-frontmatter.ts';

export interface LessonCost { folder: string; title: string; cost: string }

export function lessonCosts(lessons: readonly ManifestLesson[], lang: Language, dir?: string): LessonCost[] {
  return lessons.map((lesson) => {
    const frontmatter = readFrontmatter(lesson.folder, lang, dir) ?? readFrontmatter(lesson.folder, 'en', dir);
    return { folder: lesson.folder, title: frontmatter?.title ?? lesson.slug, cost: frontmatter?.cost ?? '' };
  });
}
