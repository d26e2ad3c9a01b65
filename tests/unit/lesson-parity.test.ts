/**
 * Every translation of a lesson has the English lesson's steps, in the same order, with the same
 * commands (code compared exactly), tabs and diagrams in the same places. Because the commands are
 * the same, the lesson-as-code tests that run the English commands cover the translations too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lessonCommands } from '../harness/lesson-commands.ts';
import { lessonStructure } from '../harness/lesson-structure.ts';

// Lesson 12 shows its template through an import (`code={ecsServiceTemplate}`); evaluating the
// Command's code needs it, as in the lesson-as-code test.
(globalThis as { ecsServiceTemplate?: string }).ecsServiceTemplate = readFileSync('lessons/12-cloudformation/ecs-service.yaml', 'utf8');

const translations = readdirSync('lessons').flatMap((folder) =>
  existsSync(`lessons/${folder}/en.mdx`)
    ? readdirSync(`lessons/${folder}`).filter((file) => /^[a-z]{2}\.mdx$/.test(file) && file !== 'en.mdx').map((file) => `${folder}/${file}`)
    : [],
);

const english = `---
title: T
steps:
  - id: a/one
    title: One
---
<Step id="a/one">
<Tabs>
<Tab name="cli">
Run <Var name="cluster" />:
<Command code={\`aws ecs list-clusters --region {{region}}\`} />
</Tab>
</Tabs>
</Step>
`;

describe('the parity check', () => {
  it('accepts a translation that changes only the prose', () => {
    const translated = english.replace('title: One', 'title: 一つ目').replace('Run ', '実行します: ');
    expect(lessonStructure(translated)).toEqual(lessonStructure(english));
  });

  it('notices a changed command, a moved step and a renamed tab', () => {
    expect(lessonStructure(english.replace('list-clusters', 'list-clusters '))).not.toEqual(lessonStructure(english));
    expect(lessonStructure(english.replace('<Step id="a/one">', '<Step id="a/two">'))).not.toEqual(lessonStructure(english));
    expect(lessonStructure(english.replace('name="cli"', 'name="console"'))).not.toEqual(lessonStructure(english));
  });
});

describe.each(translations)('lessons/%s', (file) => {
  const folder = file.split('/')[0]!;
  const en = lessonStructure(readFileSync(`lessons/${folder}/en.mdx`, 'utf8'));
  const translated = lessonStructure(readFileSync(`lessons/${file}`, 'utf8'));

  it('has the same step ids in the frontmatter, in the same order', () => {
    expect(translated.frontmatterSteps).toEqual(en.frontmatterSteps);
  });

  it('imports the same diagrams and files', () => {
    expect(translated.imports).toEqual(en.imports);
  });

  it('has the same Steps, Tabs, Commands (exact code) and diagrams, in the same order', () => {
    expect(translated.parts).toEqual(en.parts);
  });

  it('gives the lesson-as-code tests the same commands, steps and tabs, so they cover it too', () => {
    expect(lessonCommands(`lessons/${file}`)).toEqual(lessonCommands(`lessons/${folder}/en.mdx`));
  });
});
