/**
 * The language-independent skeleton of a lesson: its frontmatter step ids and, in document order,
 * every Step, Tabs, Tab, Command (with its exact code and flags) and diagram. Two translations of
 * a lesson must have the same skeleton; only the prose between may differ.
 */
import { mdxToMdast } from 'satteri';
import { parse } from 'yaml';

interface Node {
  type: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: string | null | { type: string; value: string } }[];
  children?: Node[];
}

export interface LessonStructure {
  /** The step ids of the frontmatter, in order. */
  frontmatterSteps: string[];
  /** The lesson's imports (diagrams, the CloudFormation template a Command shows). */
  imports: string[];
  /** The components that make the lesson work, one line each, in document order. */
  parts: string[];
}

/** Attributes that are prose (translated) rather than structure. */
const proseAttributes = new Set(['alt', 'caption', 'title', 'label']);

function attributeValue(value: NonNullable<Node['attributes']>[number]['value']): unknown {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value;
  // An expression such as a template literal: evaluate it as the compiled page would.
  return new Function(`return (${value.value});`)();
}

function describePart(node: Node): string {
  const attributes = (node.attributes ?? [])
    .filter((attribute) => attribute.name && !proseAttributes.has(attribute.name))
    .map((attribute) => [attribute.name!, attributeValue(attribute.value)] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return `${node.name} ${JSON.stringify(Object.fromEntries(attributes))}`;
}

/** Components whose place and attributes must match; Var, Money and Callout are prose and may move. */
const structural = (name: string) => ['Step', 'Tabs', 'Tab', 'Command', 'Check'].includes(name) || name.endsWith('Diagram');

export function lessonStructure(mdx: string): LessonStructure {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(mdx)?.[1] ?? '';
  const steps = ((parse(frontmatter) as { steps?: { id: string }[] } | null)?.steps ?? []).map((step) => step.id);
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.name && structural(node.name)) parts.push(describePart(node));
    for (const child of node.children ?? []) walk(child);
  };
  walk(mdxToMdast(mdx) as unknown as Node);
  const imports = [...mdx.matchAll(/^import .*$/gm)].map((match) => match[0].trim());
  return { frontmatterSteps: steps, imports, parts };
}
