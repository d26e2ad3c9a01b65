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
  /** The objectives and recap points the page shows at its top and end. */
  objectives: string[];
  recap: string[];
  /** The prediction question and its answer, shown after the recap. */
  prediction: string[];
  body: string;
}

export function lessonText(source: string): LessonText {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  const front = (match ? parse(match[1] as string) : {}) as { title?: string; summary?: string; steps?: { title: string }[]; objectives?: string[]; recap?: string[]; predict?: { question?: string; answer?: string } };
  let body = match ? source.slice(match[0].length) : source;
  // Words inside component tags (a diagram's description, a command) are lifted out first, or
  // removing the tags would remove them too; they are searched as part of the lesson all the same.
  const lifted: string[] = [];
  const lift = (_: string, ...groups: (string | undefined)[]) => {
    lifted.push(groups.find((group) => typeof group === 'string') ?? '');
    return ' ';
  };
  body = body
    // a command's code={`…`} (may hold > and quotes, so before anything else)
    .replace(/\bcode=\{`([\s\S]*?)`\}/g, lift)
    // a component's text attributes
    .replace(/\b(?:alt|title|caption|label)=(?:"([^"]*)"|'([^']*)')/g, lift);
  body = [body, ...lifted]
    .join('\n')
    // ES module lines of MDX
    .replace(/^(import|export)\s.*$/gm, '')
    // component and HTML tags, and JSX expressions
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/\{[^{}]*\}/g, ' ')
    // Markdown marks: link targets, table rules and pipes, headings, emphasis, code ticks
    .replace(/\]\([^)]*\)/g, ' ')
    .replace(/^\s*\|?[-:| ]+\|?\s*$/gm, ' ')
    .replace(/[#*`|[\]>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Backticks only mark code in a point; the words are searched without them.
  const points = (list: string[] | undefined) => (list ?? []).map((point) => point.replace(/`/g, ''));
  return {
    title: front.title ?? '',
    summary: front.summary ?? '',
    steps: (front.steps ?? []).map((step) => step.title),
    objectives: points(front.objectives),
    recap: points(front.recap),
    prediction: points([front.predict?.question, front.predict?.answer].filter((text): text is string => Boolean(text))),
    body,
  };
}
