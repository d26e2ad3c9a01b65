/** The learner's values in lessons: every name a lesson uses exists, and prose never shows a raw `{{placeholder}}`. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { learnerVariableNames, testVariables } from '../settings/learner-variables.ts';
import { variableNames } from './command-variables.ts';

const lessons = readdirSync('lessons', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => readdirSync(`lessons/${entry.name}`).filter((file) => file.endsWith('.mdx')).map((file) => `lessons/${entry.name}/${file}`));
const commandBlock = /<Command\b[\s\S]*?\/>/g;

describe('learner variables in lessons', () => {
  it('knows every variable a learner has', () => {
    expect([...learnerVariableNames].sort()).toEqual(Object.keys(testVariables({ accountId: '123456789012' })).sort());
  });

  it.each(lessons)('%s names only learner variables, in Commands and in <Var>', (path) => {
    const text = readFileSync(path, 'utf8');
    const used = [...variableNames(text), ...[...text.matchAll(/<Var\s+name="([^"]*)"/g)].map((match) => match[1]!)];
    expect(used.filter((name) => !(learnerVariableNames as readonly string[]).includes(name))).toEqual([]);
  });

  it.each(lessons)('%s shows no raw {{placeholder}} in prose (only Command blocks fill them in; use <Var>)', (path) => {
    const prose = readFileSync(path, 'utf8').replace(commandBlock, '');
    expect(variableNames(prose)).toEqual([]);
  });
});
