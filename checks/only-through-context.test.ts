import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every observer reads the learner's world only through its CheckContext (ctx.files, ctx.env,
 * ctx.platform, ctx.docker, ctx.http, ctx.aws). A check that read this machine's files, environment
 * or network itself would look at the server instead of the learner's sandbox in a workshop, and
 * nobody would notice in solo mode, where both are the same machine. Tests may read fixtures.
 */
const root = join(import.meta.dirname, '..');
const scanned = ['checks', 'src/checks/shared'];

const forbidden: { pattern: RegExp; use: string }[] = [
  { pattern: /\bfrom\s+['"](node:)?fs(\/promises)?['"]|\b(import|require)\(\s*['"](node:)?fs(\/promises)?['"]/, use: 'ctx.files' },
  { pattern: /\bfrom\s+['"](node:)?child_process['"]|\b(import|require)\(\s*['"](node:)?child_process['"]/, use: 'ctx.tools for a version, or ctx.docker or ctx.aws (a check runs no other commands)' },
  { pattern: /\bfrom\s+['"](node:)?(http|https|net|dgram)['"]|\b(import|require)\(\s*['"](node:)?(http|https|net|dgram)['"]/, use: 'ctx.http' },
  { pattern: /\bprocess\.env\b|\bprocess\s*\[\s*['"]env['"]\s*\]/, use: 'ctx.env' },
  { pattern: /\bprocess\.platform\b/, use: 'ctx.platform' },
  { pattern: /(?<![.\w])fetch\s*\(/, use: 'ctx.http' },
];

/** `file:line: what it does (use …)` for every line that reaches the world directly. */
export function directAccess(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (/^\s*(\*|\/\/)/.test(line)) return; // comments may name what checks must not do
    for (const { pattern, use } of forbidden) {
      if (pattern.test(line)) found.push(`${file}:${index + 1}: ${line.trim()} (use ${use})`);
    }
  });
  return found;
}

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : modules(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('checks reach the learner\'s world only through the context', () => {
  it('finds direct reads in the kinds of code it must refuse', () => {
    const sample = [
      "import { readFile } from 'node:fs/promises';",
      "import { execFile } from 'child_process';",
      "import { request } from 'node:http';",
      "const host = process.env.DOCKER_HOST;",
      "const os = process.platform;",
      "const answer = await fetch(url);",
      "const fs = await import('node:fs');",
      "// process.env in a comment is fine",
      "const answer = await ctx.http(url, options);",
    ].join('\n');
    expect(directAccess('sample.ts', sample).map((line) => line.replace(/:.*\(use /, ' (use '))).toEqual([
      'sample.ts (use ctx.files)',
      'sample.ts (use ctx.tools for a version, or ctx.docker or ctx.aws (a check runs no other commands))',
      'sample.ts (use ctx.http)',
      'sample.ts (use ctx.env)',
      'sample.ts (use ctx.platform)',
      'sample.ts (use ctx.http)',
      'sample.ts (use ctx.files)',
    ]);
  });

  it('no module in checks/ (or their shared helpers) imports node:fs, node:child_process or a network module, or reads process.env', () => {
    const files = scanned.flatMap((dir) => modules(join(root, dir)));
    expect(files.length).toBeGreaterThan(40);
    const found = files.flatMap((file) => directAccess(relative(root, file), readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
