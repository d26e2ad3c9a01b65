import { getCollection, type CollectionEntry } from 'astro:content';
import { course as manifest } from '../../lessons/course.ts';
import { defaultLanguage, type Language } from '../i18n/languages.ts';

export type LessonEntry = CollectionEntry<'lessons'>;

export interface CourseLesson {
  /** URL segment, from the course manifest (`lessons/course.ts`). */
  slug: string;
  /** The entry to show: in the requested language, else English. */
  entry: LessonEntry;
  /** The language the entry is written in. */
  shownIn: Language;
  /** True when the requested language has no file and English is shown instead. */
  fallback: boolean;
}

/** Every lesson in course order (the manifest's), each in the requested language where it exists. */
export async function loadCourse(lang: Language): Promise<CourseLesson[]> {
  const byId = new Map((await getCollection('lessons')).map((entry: LessonEntry) => [entry.id, entry] as const));
  const course: CourseLesson[] = [];
  for (const { folder, slug } of manifest.lessons) {
    const own = byId.get(`${folder}/${lang}`);
    const entry = own ?? byId.get(`${folder}/${defaultLanguage}`);
    if (!entry) continue; // a translation without its English original is not part of the course
    course.push({ slug, entry, shownIn: own ? lang : defaultLanguage, fallback: !own });
  }
  return course;
}
