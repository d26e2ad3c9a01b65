/** Reads a Dockerfile into its instructions: comments dropped, `\` continuations joined, keywords upper-cased. */

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { parts: string[]; line: number } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (!pending && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (pending && trimmed.startsWith('#')) return; // comments may sit inside a continued instruction
    const continued = /\\$/.test(trimmed);
    const part = continued ? trimmed.slice(0, -1) : trimmed;
    pending ??= { parts: [], line: index + 1 };
    pending.parts.push(part);
    if (continued) return;
    const whole = pending.parts.join(' ').trim();
    const [keyword = '', ...rest] = whole.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: pending.line });
    pending = undefined;
  });
  if (pending) {
    const whole = pending.parts.join(' ').trim();
    const [keyword = '', ...rest] = whole.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: pending.line });
  }
  return instructions;
}

/** Ports an EXPOSE names: `3000`, `3000/tcp`, `8000-8002` → the numbers. */
export function exposedPorts(instructions: Instruction[]): number[] {
  return instructions
    .filter((instruction) => instruction.keyword === 'EXPOSE')
    .flatMap((instruction) => instruction.args.split(/\s+/))
    .map((port) => Number(port.split('/')[0]))
    .filter((port) => Number.isInteger(port) && port > 0);
}

/** The image the first FROM names, with `${ARG}` defaults declared before it filled in. */
export function baseImage(instructions: Instruction[]): string | undefined {
  const args = new Map<string, string>();
  for (const instruction of instructions) {
    if (instruction.keyword === 'ARG') {
      const [name = '', value] = instruction.args.split('=');
      if (value !== undefined) args.set(name.trim(), value.trim());
    }
    if (instruction.keyword === 'FROM') {
      const image = instruction.args.split(/\s+/)[0] ?? '';
      return image.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => args.get(name) ?? whole);
    }
  }
  return undefined;
}
