/**
 * "Look yourself": every step's Check offers read-only commands that show what it saw. Each one is
 * filled in with the learner's values as the page fills it, must parse in bash (it is typed into
 * the learner's shell by Run), must change nothing (only describe/list/get/tail-style verbs, no
 * create/delete/put/run/update/…), and each `aws` call names the workbook's region.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { course } from '../lessons/course.ts';
import { fillVariables } from '../src/lessons/command-variables.ts';
import { placeholderValues, testVariables } from '../src/settings/learner-variables.ts';
import { courseChecks } from './index.ts';

const values = placeholderValues(testVariables({ accountId: '123456789012', region: 'eu-west-1', workspace: '/home/learner/ecs-workbook' }));

/**
 * The simple commands of a shell line, quote-aware: split at unquoted pipes, `;`, `&&`, `||` and
 * new lines, with each `$(…)` taken out as a command of its own.
 */
function simpleCommands(command: string): string[] {
  const found: string[] = [];
  const walk = (text: string): string => {
    let current = '';
    const parts: string[] = [];
    let quote: string | undefined;
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (quote) {
        if (char === quote) quote = undefined;
        current += char;
      } else if (char === "'" || char === '"') {
        quote = char;
        current += char;
      } else if (char === '$' && text[i + 1] === '(') {
        let depth = 1;
        let j = i + 2;
        let inner = '';
        for (; j < text.length && depth > 0; j++) {
          if (text[j] === '(') depth++;
          if (text[j] === ')') depth--;
          if (depth > 0) inner += text[j];
        }
        found.push(...splitTop(walk(inner)));
        current += 'SUBSTITUTED';
        i = j - 1;
      } else current += char;
    }
    parts.push(current);
    return parts.join('');
  };
  const splitTop = (text: string): string[] => {
    const pieces: string[] = [];
    let quote: string | undefined;
    let current = '';
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (quote) {
        if (char === quote) quote = undefined;
        current += char;
      } else if (char === "'" || char === '"') {
        quote = char;
        current += char;
      } else if (char === '|' || char === ';' || char === '\n' || (char === '&' && text[i + 1] === '&')) {
        if (text[i + 1] === char) i++;
        pieces.push(current);
        current = '';
      } else current += char;
    }
    pieces.push(current);
    return pieces.map((piece) => piece.trim()).filter(Boolean);
  };
  found.push(...splitTop(walk(command)));
  return found;
}

/** Verbs that only read: `aws <service> <operation>` and `docker <…>`. */
const readOnlyAws = /^(describe|list|get|tail|wait)-?|^--version$|^configure$/;
const readOnlyDocker = /^(ps|logs|version|info|inspect|image (ls|inspect)|buildx (version|ls)|manifest inspect)\b/;
const changingVerb = /\b(create|delete|put|run|update|register|deregister|stop|start|rm|rmi|push|tag|build|authorize|revoke|associate|attach|detach|modify|set|kill)\b/;

function problemsOf(part: string): string | undefined {
  const words = part.split(/\s+/);
  if (words[0] === 'aws') {
    if (words[1] === '--version') return undefined;
    if (words[1] === 'configure') return words[2] === 'list' || words[2] === 'get' ? undefined : 'aws configure that is not list/get';
    if (!readOnlyAws.test(words[2] ?? '')) return `aws ${words[1]} ${words[2]} is not a read-only operation`;
    if (changingVerb.test(words[2]!)) return `aws ${words[1]} ${words[2]} changes something`;
    if (!['iam', 'sts'].includes(words[1]!) && !/--region eu-west-1(\s|$)/.test(part)) return `aws ${words[1]} ${words[2]} does not name the region`;
    return undefined;
  }
  if (words[0] === 'docker') return readOnlyDocker.test(words.slice(1).join(' ')) ? undefined : `docker ${words[1]} is not read-only`;
  if (words[0] === 'curl') return words.some((word) => /^(-X|--request|-d|--data|-T|--upload-file|-o)$/.test(word)) ? 'curl that sends or writes' : undefined;
  if (words[0] === 'cat') return undefined;
  // The workstation check's own reads: the machine's architecture, and every aws on the PATH.
  if (part === 'uname -m' || /^type -a [\w-]+$/.test(part)) return undefined;
  return `${words[0]} is not a command the look list allows`;
}

describe('"Look yourself" commands beside every Check', async () => {
  const steps = course.stepIds();
  const looks = await Promise.all(steps.map(async (step) => ({ step, look: (await courseChecks.registry.load(step)).look ?? [] })));

  it.each(looks.map(({ step, look }) => [step, look] as const))('%s offers at least one', (_step, look) => {
    expect(look.length).toBeGreaterThan(0);
  });

  const all = looks.flatMap(({ step, look }) => look.map((code) => ({ step, code: fillVariables(code, values) })));

  it('each one has every placeholder filled (no {{name}} left for the shell)', () => {
    for (const { step, code } of all) expect(code, step).not.toMatch(/\{\{\s*[A-Za-z][A-Za-z0-9]*\s*\}\}/);
  });

  it('each one parses in bash (bash -n)', () => {
    for (const { step, code } of all) {
      expect(() => execFileSync('bash', ['-n', '-c', code], { stdio: 'pipe' }), `${step}: ${code}`).not.toThrow();
    }
  });

  it('each one only reads: no create, delete, put, run or other changing verb, and aws calls name the region', () => {
    const problems = all.flatMap(({ step, code }) => simpleCommands(code).map(problemsOf).filter(Boolean).map((problem) => `${step}: ${problem} in ${code}`));
    expect(problems).toEqual([]);
  });

  it('the read-only rule catches a changing command (the test can fail)', () => {
    expect(problemsOf('aws ecs delete-service --region eu-west-1 --service x')).toBeDefined();
    expect(problemsOf('aws ec2 describe-vpcs')).toMatch(/region/);
    expect(problemsOf('docker rm -f x')).toBeDefined();
    expect(problemsOf('aws ecs run-task --region eu-west-1')).toBeDefined();
    // A change hidden in a command substitution or behind a pipe is found too.
    expect(simpleCommands("echo $(aws ecs delete-service --region eu-west-1 --query 'a|b') | cat").map(problemsOf).filter(Boolean)).toHaveLength(2);
  });
});
