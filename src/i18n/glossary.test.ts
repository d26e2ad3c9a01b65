import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findVariants, proseOfMdx, proseOfMessage, readGlossary } from './glossary.ts';
import { ja } from './ja.ts';

const glossary = readGlossary();
const lessonsDir = new URL('../../lessons/', import.meta.url);
const checksDir = new URL('../../checks/', import.meta.url);

function report(findings: ReturnType<typeof findVariants>): string[] {
  return findings.map((f) => `「${f.variant}」 → 「${f.allowed}」 in …${f.context}…`);
}

describe('the glossary', () => {
  it('gives every term one Japanese form, and forbids no form it allows', () => {
    for (const entry of glossary) {
      for (const variant of entry.forbidden) {
        expect(entry.ja.split(' / '), `${entry.term}: ${variant} is both allowed and forbidden`).not.toContain(variant);
      }
    }
    const terms = glossary.map((entry) => entry.term);
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('flags a forbidden variant, but not the allowed form that contains it', () => {
    expect(report(findVariants('アベイラビリティゾーンを 2 つ使います。', glossary))).toHaveLength(1);
    expect(report(findVariants('4 つのステップ', glossary))).toHaveLength(1);
    expect(findVariants('ロードバランサーとクラスターとリスナー', glossary)).toEqual([]);
    expect(findVariants(proseOfMdx('<Command code={`docker push ステップ`} /> と `クラスタ`'), glossary)).toEqual([]);
  });
});

describe('Japanese texts follow the glossary', () => {
  const lessons = readdirSync(lessonsDir).filter((folder) => existsSync(new URL(`${folder}/ja.mdx`, lessonsDir)));
  it.each(lessons)('lessons/%s/ja.mdx', (folder) => {
    const prose = proseOfMdx(readFileSync(new URL(`${folder}/ja.mdx`, lessonsDir), 'utf8'));
    expect(report(findVariants(prose, glossary))).toEqual([]);
  });

  it('src/i18n/ja.ts', () => {
    expect(report(findVariants(Object.values(ja).map(proseOfMessage).join('\n'), glossary))).toEqual([]);
  });

  const checkFolders = readdirSync(checksDir).filter((folder) => existsSync(new URL(`${folder}/messages.ts`, checksDir)));
  it.each(checkFolders)('checks/%s/messages.ts', async (folder) => {
    const { messages } = (await import(new URL(`${folder}/messages.ts`, checksDir).href)) as { messages: { ja: Record<string, string> } };
    expect(report(findVariants(Object.values(messages.ja).map(proseOfMessage).join('\n'), glossary))).toEqual([]);
  });
});
