/**
 * The Japanese glossary (lessons/glossary.yaml) and the search for the variants it forbids, so the
 * lessons, the UI and the check messages call one thing by one name.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const glossaryEntrySchema = z
  .object({
    term: z.string().min(1).describe('The English term as the English lessons use it.'),
    ja: z.string().min(1).describe('The one Japanese form to write; alternatives for a compound term are separated by " / ".'),
    console: z.string().optional().describe("The AWS Management Console's exact Japanese label, where the lesson points at it."),
    forbidden: z.array(z.string().min(1)).default([]).describe('Variants that must not appear in Japanese text outside code.'),
    note: z.string().optional().describe('When to use the term and why this form.'),
  })
  .strict()
  .describe('One term of the Japanese glossary.');

export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

export const glossaryPath = fileURLToPath(new URL('../../lessons/glossary.yaml', import.meta.url));

export function readGlossary(path = glossaryPath): GlossaryEntry[] {
  return z.array(glossaryEntrySchema).parse(parse(readFileSync(path, 'utf8')));
}

export interface VariantFinding {
  /** The forbidden variant found. */
  variant: string;
  /** What to write instead. */
  allowed: string;
  /** Some text around it, to find it in the file. */
  context: string;
}

/** Every allowed form: a forbidden variant inside one of them (ロードバランサ in ロードバランサー) is fine. */
function allowedForms(glossary: GlossaryEntry[]): string[] {
  return glossary.flatMap((entry) => [...entry.ja.split(' / '), ...(entry.console ? [entry.console] : [])]);
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** The forbidden variants in a Japanese text (with code already removed), each with what to write instead. */
export function findVariants(text: string, glossary: GlossaryEntry[]): VariantFinding[] {
  const allowedSpans = allowedForms(glossary).flatMap((form) => occurrences(text, form).map((start) => [start, start + form.length] as const));
  const findings: VariantFinding[] = [];
  for (const entry of glossary) {
    for (const variant of entry.forbidden) {
      for (const start of occurrences(text, variant)) {
        const end = start + variant.length;
        if (allowedSpans.some(([from, to]) => from <= start && end <= to)) continue;
        findings.push({ variant, allowed: entry.ja, context: text.slice(Math.max(0, start - 15), end + 15).replace(/\s+/g, ' ') });
      }
    }
  }
  return findings;
}

/** The prose of an MDX lesson: without imports, code blocks, inline code and Command code. */
export function proseOfMdx(mdx: string): string {
  return mdx
    .replace(/^(import|export) .*$/gm, '')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/code=\{`[\s\S]*?`\}/g, '')
    .replace(/(code|standIn)="[^"]*"/g, '')
    .replace(/`[^`\n]*`/g, '');
}

/** The prose of a message: without inline code. */
export function proseOfMessage(message: string): string {
  return message.replace(/`[^`]*`/g, '');
}
