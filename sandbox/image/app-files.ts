/**
 * The `ecs-workbook` CLI as it goes into the sandbox image, so checks run inside a learner's
 * sandbox: the project's TypeScript (run by Node's type stripping), the lessons (checks read their
 * steps), and only the packages the checks load with everything those depend on, found by walking
 * package.json dependencies the way Node resolves them. The web server's packages (Astro, xterm,
 * node-pty) stay out: the image would triple for code that never runs there.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative } from 'node:path';

/** What the check CLI imports at run time (src/checks, checks/, src/cli). */
export const checkRuntimePackages = ['@aws-sdk/client-cloudformation', '@aws-sdk/client-cloudwatch-logs', '@aws-sdk/client-ec2', '@aws-sdk/client-ecr', '@aws-sdk/client-ecs', '@aws-sdk/client-elastic-load-balancing-v2', '@aws-sdk/client-iam', '@aws-sdk/client-sts', '@smithy/core', 'dockerode', 'yaml', 'zod'];

/** The project's own files the CLI needs, relative to the project root. */
const projectEntries = ['package.json', 'bin', 'src', 'checks', 'lessons'];

const skip = (path: string) => /\.test\.ts$|\.spec\.ts$|\/\.astro\//.test(path);

/** Finds a package's folder as Node would from `fromDir`: the nearest node_modules up the tree. */
function resolvePackageDir(name: string, fromDir: string, projectRoot: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === projectRoot || dirname(dir) === dir) return undefined;
    dir = dirname(dir);
  }
}

/** Every package folder the given packages need, themselves included. */
export function packageClosure(projectRoot: string, roots: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const dir = resolvePackageDir(name, fromDir, projectRoot);
    if (!dir) {
      if (optional) return;
      throw new Error(`The package ${name} is not installed (needed from ${relative(projectRoot, fromDir) || 'the project'}); run npm ci.`);
    }
    if (found.has(dir)) return;
    found.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, !!manifest.optionalDependencies?.[dep]);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const name of roots) visit(name, projectRoot, false);
  return [...found].sort();
}

/** Copies the CLI with its packages into `target` (the image's /opt/ecs-workbook). */
export function stageAppFiles(projectRoot: string, target: string): void {
  mkdirSync(target, { recursive: true });
  for (const entry of projectEntries) cpSync(join(projectRoot, entry), join(target, entry), { recursive: true, filter: (path) => !skip(path) });
  for (const dir of packageClosure(projectRoot, checkRuntimePackages)) {
    cpSync(dir, join(target, relative(projectRoot, dir)), { recursive: true, dereference: false });
  }
}

/** A hash of the project files that go into the image (packages are covered by the lock's hash). */
export function hashAppInputs(projectRoot: string): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    if (skip(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name));
    } else {
      hash.update(relative(projectRoot, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  for (const entry of projectEntries) walk(join(projectRoot, entry));
  hash.update(readFileSync(join(projectRoot, 'package-lock.json')));
  return hash.digest('hex');
}
