/**
 * The searchable text of a lesson's MDX source: its prose, headings, table cells, commands and
 * diagram descriptions, without frontmatter, imports, component syntax or Markdown marks. The
 * site renders on the server, so there are no HTML pages for Pagefind to crawl: the index is
 * built from this text instead (src/search/search-integration.ts).
 */
import { parse } from 'yaml';

export interface LessonText {
  title: string;
  summary: string;
  /** Step titles, searchable like headings. */
  steps: string[];
  body: string;
}

export function lessonText(source: string): LessonText {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  const front = (match ? parse(match[1] as string) : {}) as { title?: string; summary?: string; steps?: { title: string }[] };
  let body = match ? source.slice(match[0].length) : source;
  body = body
    // ES module lines of MDX
    .replace(/^(import|export)\s.*$/gm, '')
    // a component's text attributes (alt, title, caption, label) are words the learner reads
    .replace(/\b(?:alt|title|caption|label)=(?:"([^"]*)"|'([^']*)')/g, ' $1$2 ')
    // a command's code={`…`}: the command itself is worth finding
    .replace(/\bcode=\{`([\s\S]*?)`\}/g, ' $1 ')
    // what is left of component and HTML tags, and JSX expressions
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/\{[^{}]*\}/g, ' ')
    // Markdown marks: headings, emphasis, code ticks, table rules and pipes, link targets
    .replace(/\]\([^)]*\)/g, ' ')
    .replace(/^\s*\|?[-:| ]+\|?\s*$/gm, ' ')
    .replace(/[#*`|[\]>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { title: front.title ?? '', summary: front.summary ?? '', steps: (front.steps ?? []).map((step) => step.title), body };
}
