/**
 * The course's steps read straight from the lessons' frontmatter, for code that runs outside
 * Astro (the CLI): `--lesson <slug>` and `--all` need the steps in course order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export interface LessonSteps { folder: string; slug: string; order: number; title: string; steps: { id: string; title: string }[] }

export const lessonsDir = fileURLToPath(new URL('../../lessons/', import.meta.url));

export function readLessonSteps(dir = lessonsDir): LessonSteps[] {
  if (!existsSync(dir)) return [];
  const lessons: LessonSteps[] = [];
  for (const folder of readdirSync(dir)) {
    const file = `${dir}/${folder}/en.mdx`;
    if (!existsSync(file)) continue;
    const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'))?.[1];
    if (!frontmatter) continue;
    const data = parse(frontmatter) as { order?: number; title?: string; steps?: { id: string; title: string }[] };
    lessons.push({ folder, slug: folder.replace(/^\d+-/, ''), order: data.order ?? 0, title: data.title ?? folder, steps: data.steps ?? [] });
  }
  return lessons.sort((a, b) => a.order - b.order);
}

/** A lesson by its URL slug (`before-you-start`), folder (`00-before-you-start`) or step-id lesson (`setup`). */
export function findLesson(name: string, lessons = readLessonSteps()): LessonSteps | undefined {
  return lessons.find((l) => l.slug === name || l.folder === name || l.steps.some((s) => s.id.split('/')[0] === name));
}
