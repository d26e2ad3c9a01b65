import { getCollection, type CollectionEntry } from 'astro:content';
import { defaultLanguage, type Language } from '../i18n/languages.ts';

export type LessonEntry = CollectionEntry<'lessons'>;

export interface CourseLesson {
  /** URL segment: the folder name without its `<nn>-` prefix. */
  slug: string;
  /** The entry to show: in the requested language, else English. */
  entry: LessonEntry;
  /** The language the entry is written in. */
  shownIn: Language;
  /** True when the requested language has no file and English is shown instead. */
  fallback: boolean;
}

function folderAndLanguage(id: string) {
  const [folder = '', lang = ''] = id.split('/');
  return { folder, lang, slug: folder.replace(/^\d+-/, '') };
}

/** Every lesson in course order, each in the requested language where it exists. */
export async function loadCourse(lang: Language): Promise<CourseLesson[]> {
  const entries = await getCollection('lessons');
  const bySlug = new Map<string, Partial<Record<string, LessonEntry>>>();
  for (const entry of entries) {
    const { slug, lang: entryLang } = folderAndLanguage(entry.id);
    bySlug.set(slug, { ...bySlug.get(slug), [entryLang]: entry });
  }
  const course: CourseLesson[] = [];
  for (const [slug, files] of bySlug) {
    const own = files[lang];
    const entry = own ?? files[defaultLanguage];
    if (!entry) continue; // a translation without its English original is not part of the course
    course.push({ slug, entry, shownIn: own ? lang : defaultLanguage, fallback: !own });
  }
  return course.sort((a, b) => a.entry.data.order - b.entry.data.order);
}
