/**
 * "A new terminal can carry on": every lesson from 05 on, in every language it is written in, says
 * before its first command what a learner in a new terminal must run (or that nothing needs
 * restoring): a "New terminal?" note at the top, or, where the lesson's first command itself finds
 * the ids by name (07, 08), a sentence saying so right above it. Whether the lessons really carry on in a new terminal is proved by the lesson suites,
 * which start each lesson in a fresh shell, and by tests/integration/restore-variables.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { course } from '../../lessons/course.ts';
import { languages } from '../../src/i18n/languages.ts';

const notes: Record<string, RegExp> = { en: /new terminal/i, ja: /新しいターミナル/ };
const fromLesson05 = course.lessons.filter((lesson) => Number(lesson.folder.slice(0, 2)) >= 5).map((lesson) => lesson.folder);

describe.each(fromLesson05)('lessons/%s', (folder) => {
  it.each(languages)('%s says what a new terminal needs, before the first command', (lang) => {
    const path = `lessons/${folder}/${lang}.mdx`;
    if (!existsSync(path)) return expect(lang, 'only a translation may be missing').not.toBe('en');
    const text = readFileSync(path, 'utf8');
    const note = notes[lang]!.exec(text);
    expect(note, `${path} has no "New terminal?" note`).not.toBeNull();
    // The first command to run (an `output` block only shows text, such as lesson 12's template).
    const firstCommand = [...text.matchAll(/<Command\b([^>]*?)code=/g)].find((match) => !/\boutput\b/.test(match[1]!))!.index;
    expect(note!.index, `${path}: the note comes after the first command`).toBeLessThan(firstCommand);
  });
});
