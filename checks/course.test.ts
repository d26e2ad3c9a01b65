/**
 * The course manifest (`lessons/course.ts`) is the one list of lessons and step ids. Three other
 * places must agree with it, and this fast test (no AWS, no Docker) says which one does not: each
 * lesson's frontmatter `steps` and `order` (en, and ja where it exists), the check modules' own
 * `id`s, and the folders under `lessons/` and `checks/`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { course } from '../lessons/course.ts';
import { defineCourse } from '../src/lessons/course-manifest.ts';
import { lessonsDir, lessonTitle, readFrontmatter } from '../src/lessons/lesson-frontmatter.ts';
import { languages } from '../src/i18n/languages.ts';
import { checksDir, courseChecks } from './index.ts';

const subfolders = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

describe('the course manifest', () => {
  it('names every lesson folder that has an en.mdx, and no other', () => {
    const withLesson = subfolders(lessonsDir).filter((folder) => existsSync(join(lessonsDir, folder, 'en.mdx')));
    expect(course.lessons.map((lesson) => lesson.folder).sort()).toEqual(withLesson);
  });

  it('lists the same steps, in the same order, as each lesson file’s frontmatter, in every language it is written in', () => {
    let files = 0;
    course.lessons.forEach((lesson, index) => {
      for (const lang of languages) {
        const frontmatter = readFrontmatter(lesson.folder, lang);
        if (!frontmatter) continue;
        files++;
        expect(frontmatter.steps.map((step) => step.id), `lessons/${lesson.folder}/${lang}.mdx steps`).toEqual(lesson.steps);
        expect(frontmatter.order, `lessons/${lesson.folder}/${lang}.mdx order (the manifest's position)`).toBe(index);
      }
    });
    expect(files).toBeGreaterThanOrEqual(course.lessons.length);
  });

  it('has a check folder under checks/ for each lesson, and checks/ has no folder the manifest does not name', () => {
    const withModules = subfolders(checksDir).filter((folder) => readdirSync(join(checksDir, folder)).some((file) => file.endsWith('.ts') && !file.endsWith('.test.ts')));
    expect([...new Set(course.lessons.map((lesson) => lesson.checks))].sort()).toEqual(withModules);
  });

  it('registers exactly its steps, and each module at checks/<step id>.ts says that id', async () => {
    expect(courseChecks.registry.stepIds()).toEqual(course.stepIds());
    for (const id of course.stepIds()) {
      expect((await courseChecks.registry.load(id)).id, `checks/${id}.ts`).toBe(id);
    }
  });

  it('gives the CLI each lesson’s title in both languages (English where no translation exists yet)', () => {
    const setup = course.findLesson('setup')!;
    expect(course.findLesson('before-you-start')).toBe(setup);
    expect(course.findLesson('00-before-you-start')).toBe(setup);
    expect(lessonTitle(setup, 'en')).toBe('Before you start');
    const ja = readFrontmatter(setup.folder, 'ja');
    expect(lessonTitle(setup, 'ja')).toBe(ja?.title ?? 'Before you start');
  });

  it('refuses a manifest whose names disagree, naming the lesson and the field', () => {
    expect(() => defineCourse([{ folder: '03-ecr', slug: 'registry', checks: 'ecr', steps: ['ecr/repository'] }])).toThrow(/lessons\[0\]\.slug: folder "03-ecr" must end in "-registry"/);
    expect(() => defineCourse([{ folder: '03-ecr', slug: 'ecr', checks: 'ecr', steps: ['registry/repository'] }])).toThrow(/step "registry\/repository" must start with "ecr\/"/);
    expect(() => defineCourse([
      { folder: '03-ecr', slug: 'ecr', checks: 'ecr', steps: [] },
      { folder: '04-ecr', slug: 'ecr', checks: 'other', steps: [] },
    ])).toThrow(/slug "ecr" is used by two lessons/);
  });
});
