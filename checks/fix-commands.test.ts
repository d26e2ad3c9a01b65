/**
 * Every `aws` command a check offers as a fix names the workbook's region. A learner whose CLI
 * default region (profile or AWS_DEFAULT_REGION) differs from the workbook's would otherwise
 * create or delete things in another region, and the Check would keep failing. IAM and STS are
 * global, and `aws sso login`/`aws configure` act on the profile, so those need none.
 *
 * Two views: the fix commands every fixture snapshot actually produces (with a region other than
 * the default, so a hard-coded region shows), and a scan of the check sources for command texts
 * no fixture reaches.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/checks/run-check.ts';
import { defaultVars } from '../tests/harness/judge-fixtures.ts';
import { checksDir, courseChecks } from './index.ts';

const notRegional = new Set(['iam', 'sts', 'sso', 'configure']);

/** Each `aws <service> …` part of a shell line (split at &&, ||, ;, | and new lines) that lacks `--region <region>`. */
function withoutRegion(command: string, region: string): string[] {
  return command.split(/&&|\|\||;|\||\n/).map((part) => part.trim())
    .filter((part) => /^(\S+=\S+\s+)*aws\s+/.test(part) && !notRegional.has(part.replace(/^(\S+=\S+\s+)*aws\s+/, '').split(/\s+/)[0]!))
    .filter((part) => !new RegExp(`--region[ =]${region.replace(/[-]/g, '\\-')}(\\s|$)`).test(part));
}

const registry = courseChecks.registry;

function fixtureFiles(): { step: string; file: string }[] {
  return readdirSync(checksDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())
    .flatMap((lesson) => {
      const folder = join(checksDir, lesson.name, 'fixtures');
      let steps: string[] = [];
      try { steps = readdirSync(folder); } catch { return []; }
      return steps.flatMap((step) => readdirSync(join(folder, step)).filter((name) => name.endsWith('.json'))
        .map((name) => ({ step: `${lesson.name}/${step}`, file: join(folder, step, name) })));
    });
}

describe('fix commands name the region', () => {
  it('splits a fix into its aws commands and finds the ones without the region', () => {
    expect(withoutRegion('aws ecs stop-task --cluster c && aws ecs run-task --region eu-west-1 --cluster c', 'eu-west-1')).toEqual(['aws ecs stop-task --cluster c']);
    expect(withoutRegion('aws iam attach-role-policy --role-name r && aws sso login', 'eu-west-1')).toEqual([]);
    expect(withoutRegion('aws logs tail g --region us-east-1', 'eu-west-1')).toEqual(['aws logs tail g --region us-east-1']);
  });

  it('in every fix a fixture snapshot produces', async () => {
    // A region none of the fixtures was recorded in: a fix that copies the snapshot's region, or hard-codes one, shows.
    const vars = { ...defaultVars, region: 'eu-central-1' };
    const missing: string[] = [];
    let fixes = 0;
    for (const { step, file } of fixtureFiles()) {
      const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      if (typeof snapshot.region === 'string') snapshot.region = vars.region;
      const result = evaluate(await registry.load(step), snapshot, vars, { env: {} });
      for (const item of result.items) {
        if (!item.fix) continue;
        fixes++;
        for (const part of withoutRegion(item.fix, vars.region)) missing.push(`${file} ${item.id}: ${part}`);
      }
    }
    expect(fixes).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('in every aws command text of the check sources', () => {
    const missing: string[] = [];
    for (const entry of readdirSync(checksDir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts') || entry.name === 'messages.ts') continue;
      const file = join(entry.parentPath, entry.name);
      // A command text: from `aws <service> <operation>` to the end of its string literal.
      for (const match of readFileSync(file, 'utf8').matchAll(/aws\s+([a-z0-9-]+)\s+[a-z][a-z-]*[^`'"]*/g)) {
        if (notRegional.has(match[1]!) || !/^aws\s+\S+\s+[a-z]+-[a-z-]+/.test(match[0]) && !/^aws\s+\S+\s+(wait|tail)\b/.test(match[0])) continue;
        const text = match[0].split(/&&|\|\||;/)[0]!;
        if (!/--region[ =](\$\{[^}]*region\}|\{\{region\}\})/.test(text)) missing.push(`${file}: ${text.slice(0, 100)}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
