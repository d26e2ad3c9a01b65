/**
 * Reads a lesson's Command blocks in document order with the same MDX parser Astro uses (satteri),
 * evaluating each `code={`…`}` expression as the page does, and noting the Step and Tab around it.
 * A `?raw` import at the top of the MDX (lesson 12's template) is read from disk and bound under
 * its name, so an expression that uses it gets the same text the page shows.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** `import name from './file?raw'` lines: the names a Command expression may use. */
function rawImports(text: string, folder: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of text.matchAll(/^import\s+([A-Za-z_$][\w$]*)\s+from\s+['"](\.[^'"]+)\?raw['"];?\s*$/gm)) {
    found[match[1]!] = readFileSync(join(folder, match[2]!), 'utf8');
  }
  return found;
}

export function lessonCommands(path: string): LessonCommand[] {
  const text = readFileSync(path, 'utf8');
  const imports = rawImports(text, dirname(path));
  const tree = mdxToMdast(text) as unknown as Node;
  const attribute = (node: Node, name: string): string | boolean | undefined => {
    const found = node.attributes?.find((entry) => entry.name === name);
    if (!found) return undefined;
    if (found.value === null || found.value === undefined) return true; // a bare attribute: `output`
    if (typeof found.value === 'string') return found.value;
    // An expression such as a template literal: evaluate it as the compiled page would.
    return new Function(...Object.keys(imports), `return (${found.value.value});`)(...Object.values(imports)) as string;
  };
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

/** The commands a rehearsal runs: the CLI path, not output blocks and not the console tabs. */
export function runnableCommands(path: string): LessonCommand[] {
  return lessonCommands(path).filter((command) => !command.output && command.tab !== 'console');
}
