import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksDir, courseChecks, loadLessonMessages } from '../../checks/index.ts';
import { messages as shared } from './messages.ts';

const parameters = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** String literals in a check module that look like its lesson's message keys (`setup.docker.x`). */
function keysUsedIn(lesson: string): Map<string, string> {
  const used = new Map<string, string>();
  const dir = join(checksDir, lesson);
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file === 'messages.ts') continue;
    const source = readFileSync(join(dir, file), 'utf8');
    for (const match of source.matchAll(/['"`](([a-z0-9-]+)\.[a-z0-9-]+(?:\.[a-z0-9-]+)+)['"`]/g)) {
      if (match[2] === lesson) used.set(match[1]!, file);
    }
  }
  return used;
}

describe('check messages', () => {
  it('the shared texts exist in English and Japanese alike', () => {
    expect(Object.keys(shared.ja).sort()).toEqual(Object.keys(shared.en).sort());
  });

  it('every lesson folder with checks has messages, with the same keys in ja as in en, each with the same parameters, all prefixed by the lesson', async () => {
    const lessons = await loadLessonMessages();
    const folders = readdirSync(checksDir, { withFileTypes: true }).filter((e) => e.isDirectory() && readdirSync(join(checksDir, e.name)).some((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'messages.ts'));
    for (const folder of folders) {
      const dictionaries = lessons.get(folder.name);
      expect(dictionaries, `checks/${folder.name}/messages.ts`).toBeDefined();
      const missingInJa = Object.keys(dictionaries!.en).filter((key) => !(key in dictionaries!.ja));
      const extraInJa = Object.keys(dictionaries!.ja).filter((key) => !(key in dictionaries!.en));
      expect(missingInJa, `checks/${folder.name}/messages.ts: keys missing in ja`).toEqual([]);
      expect(extraInJa, `checks/${folder.name}/messages.ts: keys in ja but not en`).toEqual([]);
      const otherParameters = Object.keys(dictionaries!.en).filter((key) => key in dictionaries!.ja && parameters(dictionaries!.ja[key]!).join() !== parameters(dictionaries!.en[key]!).join());
      expect(otherParameters, `checks/${folder.name}/messages.ts: ja texts whose {parameters} differ from en`).toEqual([]);
      const unprefixed = Object.keys(dictionaries!.en).filter((key) => !key.startsWith(`${folder.name}.`));
      expect(unprefixed, `checks/${folder.name}/messages.ts: keys must start with "${folder.name}."`).toEqual([]);
    }
  });

  it('every key a check module uses exists in both languages', async () => {
    const all = await courseChecks.dictionaries();
    const lessons = readdirSync(checksDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const lesson of lessons) {
      for (const [key, file] of keysUsedIn(lesson)) {
        expect(all.en, `checks/${lesson}/${file} uses "${key}"`).toHaveProperty([key]);
        expect(all.ja, `checks/${lesson}/${file} uses "${key}"`).toHaveProperty([key]);
      }
    }
  });

  it('finds the keys the setup checks use (so the scan above is not vacuous)', () => {
    expect(keysUsedIn('setup').size).toBeGreaterThan(10);
  });
});
