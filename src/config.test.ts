import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, readConfig } from './config.ts';

const root = join(import.meta.dirname, '..');

/** Every source file the workbook runs (tests excluded: they set the environment for a server). */
function sourceFiles(): string[] {
  const files: string[] = [];
  for (const top of ['src', 'checks', 'bin', 'lessons']) {
    for (const entry of readdirSync(join(root, top), { withFileTypes: true, recursive: true })) {
      const path = join(entry.parentPath, entry.name);
      if (entry.isFile() && /\.(ts|mjs|astro)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) files.push(path);
    }
  }
  return files;
}

/** A read of a workbook variable from an environment object: `env.ECS_WORKBOOK_X`, `env['ECS_WORKBOOK_X']`. */
const environmentRead = /env(\.|\[\s*['"`])ECS_WORKBOOK_/;

describe('the configuration (src/config.ts)', () => {
  it('describes every variable, and names only ECS_WORKBOOK_* ones', () => {
    const shape = configSchema.shape;
    expect(Object.keys(shape).length).toBeGreaterThanOrEqual(6);
    for (const [name, schema] of Object.entries(shape)) {
      expect(name).toMatch(/^ECS_WORKBOOK_[A-Z_]+$/);
      expect(schema.description, `${name} needs a .describe()`).toMatch(/\w{3,}.*\./);
    }
  });

  it('is the only place that reads an ECS_WORKBOOK_* variable, and every one the code names is in it', () => {
    expect(environmentRead.test('process.env.ECS_WORKBOOK_DATA_DIR')).toBe(true);
    expect(environmentRead.test("env['ECS_WORKBOOK_WORKSPACE']")).toBe(true);
    const reads: string[] = [];
    const unknown: string[] = [];
    for (const file of sourceFiles()) {
      const name = relative(root, file);
      if (name === join('src', 'config.ts')) continue;
      const text = readFileSync(file, 'utf8');
      text.split('\n').forEach((line, index) => {
        if (environmentRead.test(line)) reads.push(`${name}:${index + 1}: ${line.trim()}`);
      });
      for (const [variable] of text.matchAll(/ECS_WORKBOOK_[A-Z_]+/g)) {
        if (!(variable in configSchema.shape)) unknown.push(`${name}: ${variable}`);
      }
    }
    expect(reads, 'read these through src/config.ts instead').toEqual([]);
    expect(unknown, 'variables named in the code but not in src/config.ts').toEqual([]);
  });

  it('has defaults for a learner who sets nothing: a fresh random sign-in token each launch, an hour of idle terminal', () => {
    const first = readConfig({});
    expect(first).toMatchObject({ terminalIdleMs: 3_600_000 });
    expect(first.dataDir).toBeUndefined();
    expect(first.signInToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(readConfig({}).signInToken).not.toBe(first.signInToken);
  });

  it('reads each variable into the shape the code uses; a blank one counts as unset', () => {
    expect(readConfig({
      ECS_WORKBOOK_DATA_DIR: '/tmp/wb-data',
      ECS_WORKBOOK_WORKSPACE: ' ~/labs ',
      ECS_WORKBOOK_SIGN_IN_TOKEN: 'a-fixed-token-for-tests',
      ECS_WORKBOOK_TERMINAL_IDLE_MINUTES: '1.5',
      ECS_WORKBOOK_CHECK_TIMEOUT_MS: '5000',
      ECS_WORKBOOK_TEST_PENDING_DELAYS: '3,3',
    })).toEqual({ dataDir: '/tmp/wb-data', workspace: '~/labs', signInToken: 'a-fixed-token-for-tests', signInTokenFixed: true, terminalIdleMs: 90_000, checkTimeoutMs: 5000, testPendingDelays: '3,3' });
    // Unset, the token is random per launch, and signs in one browser only.
    expect(readConfig({ ECS_WORKBOOK_DATA_DIR: '  ', ECS_WORKBOOK_TERMINAL_IDLE_MINUTES: '' })).toMatchObject({ terminalIdleMs: 3_600_000, signInTokenFixed: false });
  });

  it('refuses bad values at start, naming each variable and what to write instead', () => {
    let message = '';
    try {
      readConfig({ ECS_WORKBOOK_SIGN_IN_TOKEN: 'short', ECS_WORKBOOK_TERMINAL_IDLE_MINUTES: 'an hour', ECS_WORKBOOK_CHECK_TIMEOUT_MS: '2.5', ECS_WORKBOOK_TEST_PENDING_DELAYS: '3s' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('ECS_WORKBOOK_SIGN_IN_TOKEN needs at least 16 letters');
    expect(message).toContain('ECS_WORKBOOK_TERMINAL_IDLE_MINUTES must be a number of minutes above 0');
    expect(message).toContain('ECS_WORKBOOK_CHECK_TIMEOUT_MS must be a whole number of milliseconds above 0');
    expect(message).toContain('ECS_WORKBOOK_TEST_PENDING_DELAYS must be seconds separated by commas');
    expect(message).toContain('Correct it or unset it, then start again.');
  });
});
