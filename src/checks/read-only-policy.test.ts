/**
 * Every AWS call a check makes must be allowed by the read-only policy the workbook shows on
 * "access denied": a learner who attaches exactly that policy must not meet a denial we caused.
 * The calls are read from the check sources (`new XxxCommand(`), each mapped to its service by the
 * `@aws-sdk/client-…` package the file imports it from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOnlyPolicy } from './read-only-policy.ts';

/** The IAM service prefix of each SDK client package the checks use. */
const servicePrefix: Record<string, string> = {
  '@aws-sdk/client-ecs': 'ecs',
  '@aws-sdk/client-ecr': 'ecr',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-elastic-load-balancing-v2': 'elasticloadbalancing',
  '@aws-sdk/client-iam': 'iam',
  '@aws-sdk/client-sts': 'sts',
  '@aws-sdk/client-cloudwatch-logs': 'logs',
  '@aws-sdk/client-cloudformation': 'cloudformation',
};

/** Calls that need no permission: GetCallerIdentity works even under an explicit Deny. */
const needsNoPermission = new Set(['sts:GetCallerIdentity']);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** `service:Action` for every `new XxxCommand(` in the file, resolved through its imports. */
function actionsIn(source: string, file = ''): string[] {
  const packageOf = new Map<string, string>();
  for (const match of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/g)) {
    for (const name of match[1]!.split(',').map((part) => part.trim().split(/\s+as\s+/).pop()!).filter(Boolean)) packageOf.set(name, match[2]!);
  }
  return [...source.matchAll(/new\s+([A-Z][A-Za-z0-9]*)Command\(/g)].map((match) => {
    const pkg = packageOf.get(`${match[1]}Command`);
    const prefix = pkg && servicePrefix[pkg];
    if (!prefix) throw new Error(`${file}: ${match[1]}Command comes from ${pkg ?? 'no @aws-sdk import'}, which has no IAM prefix in this test's map`);
    return `${prefix}:${match[1]}`;
  });
}

const allowed = new Set<string>(readOnlyPolicy.Statement.filter((statement) => statement.Effect === 'Allow').flatMap((statement) => [...statement.Action]));

describe('the read-only policy', () => {
  const used = new Map<string, string>();
  // The workshop pre-flight reads the shared account with the same policy.
  for (const file of [...sourceFiles('checks'), ...sourceFiles('src/checks'), ...sourceFiles('src/workshop/preflight')]) {
    for (const action of actionsIn(readFileSync(file, 'utf8'), file)) if (!used.has(action)) used.set(action, file);
  }

  it('finds the calls of every service the checks use', () => {
    const services = new Set([...used.keys()].map((action) => action.split(':')[0]));
    expect([...services].sort()).toEqual(['cloudformation', 'ec2', 'ecr', 'ecs', 'elasticloadbalancing', 'iam', 'logs', 'sts']);
  });

  it('allows every call a check makes', () => {
    const missing = [...used].filter(([action]) => !needsNoPermission.has(action) && !allowed.has(action)).map(([action, file]) => `${action} (${file})`);
    expect(missing).toEqual([]);
  });

  it('maps a command to its own service even when two services share a command name', () => {
    const source = "import { DescribeImagesCommand } from '@aws-sdk/client-ecr';\nnew DescribeImagesCommand({});";
    expect(actionsIn(source)).toEqual(['ecr:DescribeImages']);
  });

  it('grants reads only', () => {
    expect([...allowed].filter((action) => !/^[a-z0-9]+:(Describe|List|Get|BatchGet|FilterLogEvents)/.test(action))).toEqual([]);
  });
});
