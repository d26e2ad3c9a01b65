/**
 * The first `npm start` (issue 15): when it has to build, the sign-in link still appears within
 * the first 10 lines, and the build's own noise (Vite's warnings, Astro's progress) stays hidden
 * unless --verbose asks for it or the build fails. Each case starts the real command in a copy
 * of the project's sources (copied: Astro's build does not follow a symlinked src/) sharing its
 * packages, with no build yet (a stale build).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const node = join(root, 'node_modules', '.bin', 'node');
const projects: string[] = [];

/** A project copy with no dist/ (so the start must build); `lessons` may be replaced for a broken build. */
function projectCopy(options: { brokenLesson?: boolean } = {}) {
  const project = mkdtempSync(join(tmpdir(), 'workbook-first-start-'));
  projects.push(project);
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
  const sources = ['src', 'public', 'checks', 'bin', 'sandbox'];
  for (const entry of options.brokenLesson ? sources : [...sources, 'lessons']) {
    cpSync(join(root, entry), join(project, entry), { recursive: true, filter: (path) => !path.endsWith('.test.ts') });
  }
  for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json']) copyFileSync(join(root, file), join(project, file));
  if (options.brokenLesson) {
    mkdirSync(join(project, 'lessons', '00-before-you-start'), { recursive: true });
    for (const file of ['course.ts', 'glossary.yaml']) copyFileSync(join(root, 'lessons', file), join(project, 'lessons', file));
    writeFileSync(join(project, 'lessons', '00-before-you-start', 'en.mdx'), '---\ntitle: Broken\nsummary: A lesson with a typo.\norder: 0\nduration: "ten"\ncost: Free\nsteps: []\n---\nText.\n');
  }
  return project;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Runs `ecs-workbook start` in the copy until the sign-in link is printed or it exits; returns everything it printed, in order. */
async function start(project: string, extra: string[] = []) {
  const port = await freePort();
  const child = spawn(node, ['bin/ecs-workbook.mjs', 'start', '--port', String(port), '--no-open', ...extra], {
    cwd: project,
    env: { ...process.env, CI: '1', HOME: project, ECS_WORKBOOK_DATA_DIR: join(project, 'data'), ECS_WORKBOOK_WORKSPACE: join(project, 'workspace'), SHELL: '/bin/bash' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exitCode = await new Promise<number | null>((done) => {
    const poll = setInterval(() => {
      if (/#sign-in=\S+/.test(output)) {
        clearInterval(poll);
        child.once('exit', () => done(null));
        child.kill('SIGTERM');
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(poll);
      done(code);
    });
  });
  // Colour codes stripped, so the assertions see what the learner reads (and find hidden noise).
  const text = output.replace(/\x1b\[[0-9;]*m/g, '');
  return { output: text, exitCode, lines: text.split('\n') };
}

afterEach(() => {
  for (const project of projects.splice(0)) rmSync(project, { recursive: true, force: true });
});

describe('the first npm start', () => {
  it('builds quietly and prints the sign-in link within the first 10 lines', async () => {
    const { output, lines } = await start(projectCopy());
    const linkLine = lines.findIndex((line) => /#sign-in=[A-Za-z0-9_-]+/.test(line));
    // npm adds 4 lines of its own ("> ecs-workbook@… start", the command, blanks) before ours.
    expect(linkLine, output).toBeGreaterThanOrEqual(0);
    expect(linkLine + 4, output).toBeLessThan(10);
    expect(output).toContain('Building the workbook');
    expect(output).toMatch(/Built in \d+\.\d s\./);
    // None of the build's own output.
    expect(output).not.toMatch(/\[vite\]|\[build\]|MODULE_LEVEL_DIRECTIVE|\[WARN\]/);
  }, 240_000);

  it('shows the build as it runs with --verbose', async () => {
    const { output, lines } = await start(projectCopy(), ['--verbose']);
    expect(output).toMatch(/\[build\] Complete!/);
    expect(lines.some((line) => /#sign-in=/.test(line))).toBe(true);
  }, 240_000);

  it('shows the captured build output when the build fails, naming the file', async () => {
    const { output, exitCode } = await start(projectCopy({ brokenLesson: true }));
    expect(exitCode).toBe(1);
    expect(output).toContain('lessons/00-before-you-start/en.mdx');
    expect(output).toMatch(/duration/);
    expect(output).toContain('The build failed; the messages above name the file and the problem. Fix it and run npm start again.');
    expect(output).not.toContain('#sign-in=');
  }, 240_000);
});
