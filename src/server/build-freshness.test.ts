import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIsStale, buildOutput, searchIndexOutput } from './build-freshness.ts';

describe('whether npm start must build first', () => {
  let root: string;
  const age = (path: string, secondsAgo: number) => {
    const time = Date.now() / 1000 - secondsAgo;
    utimesSync(join(root, path), time, time);
  };
  const touch = (path: string, secondsAgo: number) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), 'x');
    age(path, secondsAgo);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'workbook-freshness-'));
    touch('src/pages/index.astro', 100);
    touch('src/lessons/lesson-schema.test.ts', 100);
    touch('lessons/00-start/en.mdx', 100);
    // Folders count too (a deleted lesson changes only its folder), so they start old as well.
    for (const folder of ['src/pages', 'src/lessons', 'src', 'lessons/00-start', 'lessons']) age(folder, 100);
    touch(searchIndexOutput, 10);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds when there is no build', () => {
    expect(buildIsStale(root)).toBe(true);
  });

  it('serves the build when it is newer than every source', () => {
    touch(buildOutput, 10);
    expect(buildIsStale(root)).toBe(false);
  });

  it('builds again when the build stopped before writing the search index', () => {
    rmSync(join(root, searchIndexOutput));
    touch(buildOutput, 10);
    expect(buildIsStale(root)).toBe(true);
  });

  it('builds again after a lesson was added', () => {
    touch(buildOutput, 10);
    touch('lessons/01-next/en.mdx', 100);
    expect(buildIsStale(root)).toBe(true);
  });

  it('builds again after a lesson changed', () => {
    touch(buildOutput, 10);
    touch('lessons/00-start/en.mdx', 1);
    expect(buildIsStale(root)).toBe(true);
  });

  it('does not rebuild for a changed test file, which is not part of the build', () => {
    touch(buildOutput, 10);
    age('src/lessons/lesson-schema.test.ts', 1);
    expect(buildIsStale(root)).toBe(false);
  });
});
