/**
 * Splits one line of frontmatter prose (an objective, a recap point) into text and code, where
 * `backticks` mark code, as in the lesson's Markdown. The page renders each part itself, so the
 * prose never goes through HTML and cannot inject any. An unmatched backtick stays as text.
 */
export interface InlinePart {
  code: boolean;
  text: string;
}

export function inlineCodeParts(line: string): InlinePart[] {
  const parts: InlinePart[] = [];
  const pattern = /`([^`]+)`/g;
  let last = 0;
  for (const match of line.matchAll(pattern)) {
    if (match.index > last) parts.push({ code: false, text: line.slice(last, match.index) });
    parts.push({ code: true, text: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < line.length) parts.push({ code: false, text: line.slice(last) });
  return parts;
}
