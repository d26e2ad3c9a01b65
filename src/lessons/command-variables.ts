import type { ShikiTransformer } from 'shiki';

/** A learner variable in a command: `{{region}}`, `{{accountId}}`, `{{repository}}`. */
export const variablePattern = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** Letters only, so a syntax highlighter keeps it inside one word token. */
const sentinel = (name: string) => `WBVARx${name}xWBEND`;
const sentinelPattern = /WBVARx([A-Za-z0-9]+)xWBEND/g;
const hasSentinel = /WBVARx[A-Za-z0-9]+xWBEND/;

/**
 * Whether a value may be put unquoted into a command that Run types into the learner's shell:
 * only characters a shell reads as plain text (letters, digits and ._/+=,@:-, "~" only at the
 * start). The settings refuse anything else; this is the second line, for values from an old
 * store, the environment or the home folder's path, so they can never reach the shell unescaped.
 * An unsafe value is not filled in: the `{{placeholder}}` stays visible instead.
 */
export function isShellSafeValue(value: string): boolean {
  return /^~?[A-Za-z0-9._/+=,@:-]+$/.test(value) && !value.startsWith('-');
}

/**
 * For a fix command built from something found on disk or in the environment (a folder name, the
 * home path): the value itself when it is plain text to a shell, else single-quoted.
 */
export function shellQuote(value: string): string {
  return isShellSafeValue(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The value to show for a placeholder, or undefined when it is missing or not shell-safe. */
export function safeValue(values: Record<string, string | undefined>, name: string): string | undefined {
  const value = values[name];
  return value && isShellSafeValue(value) ? value : undefined;
}

export function variableNames(code: string): string[] {
  return [...new Set([...code.matchAll(variablePattern)].map((match) => match[1] as string))];
}

/** Replaces placeholders by the learner's values for copy and run, leaving unknown ones visible. */
export function fillVariables(code: string, values: Record<string, string | undefined>): string {
  return code.replace(variablePattern, (whole, name: string) => safeValue(values, name) ?? whole);
}

interface HastText { type: 'text'; value: string }
interface HastElement { type: 'element'; tagName: string; properties: Record<string, unknown>; children: HastNode[] }
type HastNode = HastText | HastElement | { type: string; children?: HastNode[] };

/**
 * Prepares a command for highlighting: placeholders become sentinels that the highlighter treats as
 * plain words, and the returned transformer turns each sentinel into
 * `<span class="wb-var" data-var="name">value</span>`, so the page can update values in place.
 */
export function markVariables(code: string, values: Record<string, string | undefined>, placeholderTitle: (name: string) => string) {
  const marked = code.replace(variablePattern, (_whole, name: string) => sentinel(name));
  const split = (text: string): HastNode[] => {
    const nodes: HastNode[] = [];
    let last = 0;
    for (const match of text.matchAll(sentinelPattern)) {
      const name = match[1] as string;
      const value = safeValue(values, name);
      if (match.index > last) nodes.push({ type: 'text', value: text.slice(last, match.index) });
      nodes.push({
        type: 'element',
        tagName: 'span',
        properties: {
          className: value ? ['wb-var'] : ['wb-var', 'wb-var-missing'],
          'data-var': name,
          title: placeholderTitle(name),
        },
        children: [{ type: 'text', value: value || `{{${name}}}` }],
      });
      last = match.index + match[0].length;
    }
    if (last < text.length) nodes.push({ type: 'text', value: text.slice(last) });
    return nodes;
  };
  const visit = (node: HastNode) => {
    if (!('children' in node) || !node.children) return;
    node.children = node.children.flatMap((child) => {
      if (child.type === 'text' && hasSentinel.test((child as HastText).value)) return split((child as HastText).value);
      visit(child);
      return [child];
    });
  };
  const transformer: ShikiTransformer = {
    name: 'workbook-variables',
    root(root) {
      visit(root as unknown as HastNode);
    },
  };
  return { code: marked, transformer };
}
