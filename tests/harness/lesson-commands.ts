/**
 * Reads a lesson's Command blocks in document order with the same MDX parser Astro uses (satteri),
 * evaluating each `code={`…`}` expression as the page does, and noting the Step and Tab around it.
 */
import { readFileSync } from 'node:fs';
import { mdxToMdast } from 'satteri';

export interface LessonCommand {
  code: string;
  standIn?: string;
  standInReason?: string;
  /** Output to read, not a command to run. */
  output: boolean;
  /** The id of the enclosing <Step>, if any. */
  step?: string;
  /** The enclosing <Tab name>, if any. */
  tab?: string;
}

interface Node {
  type: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: string | null | { type: string; value: string } }[];
  children?: Node[];
}

function attribute(node: Node, name: string): string | boolean | undefined {
  const found = node.attributes?.find((entry) => entry.name === name);
  if (!found) return undefined;
  if (found.value === null || found.value === undefined) return true; // a bare attribute: `output`
  if (typeof found.value === 'string') return found.value;
  // An expression such as a template literal: evaluate it as the compiled page would.
  return new Function(`return (${found.value.value});`)() as string;
}

export function lessonCommands(path: string): LessonCommand[] {
  const tree = mdxToMdast(readFileSync(path, 'utf8')) as unknown as Node;
  const commands: LessonCommand[] = [];
  const walk = (node: Node, step: string | undefined, tab: string | undefined) => {
    if (node.name === 'Step') step = attribute(node, 'id') as string;
    if (node.name === 'Tab') tab = attribute(node, 'name') as string;
    if (node.name === 'Command') {
      const code = attribute(node, 'code');
      if (typeof code !== 'string') throw new Error(`${path}: a Command without code`);
      const standIn = attribute(node, 'standIn');
      const standInReason = attribute(node, 'standInReason');
      if (standIn && typeof standInReason !== 'string') throw new Error(`${path}: the stand-in for "${code}" has no standInReason`);
      commands.push({
        code,
        output: attribute(node, 'output') === true,
        ...(typeof standIn === 'string' && { standIn }),
        ...(typeof standInReason === 'string' && { standInReason }),
        ...(step && { step }),
        ...(tab && { tab }),
      });
    }
    for (const child of node.children ?? []) walk(child, step, tab);
  };
  walk(tree, undefined, undefined);
  return commands;
}
