import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin', 'ecs-workbook.mjs');

function runBin(args: string[], node = process.execPath, timeout = 120_000) {
  return spawnSync(node, [bin, ...args], { cwd: root, encoding: 'utf8', timeout, env: { ...process.env, CI: '1' } });
}

describe('starting the server', () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => blocker.close());

  it('says in one line which port is in use and how to choose another', () => {
    const result = runBin(['start', '--port', String(port), '--no-open']);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(`Port ${port} is in use. Start on another port: npm start -- --port ${port + 1}`);
  });

  it('refuses a bad option with what to use instead', () => {
    const result = runBin(['start', '--prot', '80']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown option "--prot". Options: --port N, --host ADDRESS, --no-open, --verbose.');
  });

  it('refuses a port that is not a number', () => {
    const result = runBin(['start', '--port', 'abc']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port must be a port number from 1 to 65535, not "abc".');
  });

  it('warns when told to listen on another address', async () => {
    // 127.0.0.2 is still loopback (tests never listen beyond this machine), but not one of the
    // default names, so the server treats it like any other address.
    const free = createServer();
    await new Promise<void>((done) => free.listen(0, '127.0.0.2', done));
    const freePort = (free.address() as { port: number }).port;
    await new Promise((done) => free.close(done));
    const child = spawn(process.execPath, [bin, 'start', '--host', '127.0.0.2', '--port', String(freePort), '--no-open'], { cwd: root, env: { ...process.env, CI: '1' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    await expect.poll(() => output, { timeout: 50_000 }).toContain(`is running at http://127.0.0.2:${freePort}/`);
    await expect.poll(() => output, { timeout: 5_000 }).toContain('#sign-in=');
    child.kill('SIGTERM');
    expect(output).toContain('Warning: listening on 127.0.0.2, not only this machine. Anyone who can reach it and has the sign-in link can use its terminal');
    // Printed even with --no-open: without the link no browser can use the terminal.
    expect(output).toMatch(new RegExp(`Open this link to sign this browser in .*\\n  http://127\\.0\\.0\\.2:${freePort}/#sign-in=[A-Za-z0-9_-]{43}\\n`));
  }, 60_000);
});

describe('the Node version guard', () => {
  // The machine's own Node (outside node_modules/.bin), as a learner would start the bin by hand.
  const pathWithoutProjectNode = (process.env.PATH ?? '').split(':').filter((dir) => !dir.includes('node_modules')).join(':');
  const machineNode = execFileSync('sh', ['-c', 'command -v node'], { env: { PATH: pathWithoutProjectNode }, encoding: 'utf8' }).trim();
  const machineVersion = execFileSync(machineNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  const [major = 0, minor = 0] = machineVersion.split('.').map(Number);
  const tooOld = major < 22 || (major === 22 && minor < 18);

  it(`answers on the machine's Node ${machineVersion} with ${tooOld ? 'a clear message' : 'the usage'}`, () => {
    const result = runBin(['help'], machineNode);
    if (tooOld) {
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`ECS Workbook needs Node.js 22.18 or newer; this is Node ${machineVersion}.`);
      expect(result.stderr).toContain('Run it through npm (npm start');
    } else {
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Usage: ecs-workbook <command>');
    }
  });
});

describe('a lesson with a frontmatter mistake', () => {
  let project: string;
  beforeAll(() => {
    // A copy of the project that shares its sources and packages but has its own lessons folder.
    project = mkdtempSync(join(tmpdir(), 'workbook-broken-'));
    for (const entry of ['src', 'node_modules', 'public']) symlinkSync(join(root, entry), join(project, entry));
    for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json']) copyFileSync(join(root, file), join(project, file));
    mkdirSync(join(project, 'lessons', '07-broken'), { recursive: true });
    writeFileSync(join(project, 'lessons', '07-broken', 'en.mdx'), '---\ntitle: Broken\nsummary: A lesson with a typo.\norder: 7\nduration: "ten"\ncost: Free\n---\nText.\n');
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('fails the build naming the file and the field', () => {
    const result = spawnSync(process.execPath, [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'sync'], {
      cwd: project, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    const output = result.stdout + result.stderr;
    expect(result.status).not.toBe(0);
    expect(output).toContain('lessons/07-broken/en.mdx');
    expect(output).toMatch(/duration.*Expected type `"number"`, received `"string"`/);
  });
});
