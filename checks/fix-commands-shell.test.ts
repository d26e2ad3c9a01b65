/**
 * Fix commands are typed into the learner's shell by Run, often from a fresh terminal. So every
 * fix that a fixture snapshot produces must parse in bash, must not carry a `<placeholder>` (bash
 * reads `<igw-id>` as an input redirection: "igw-id: No such file or directory"), and must set
 * every lesson variable it uses ($VPC_ID, $TG_ARN, …) itself, from the resources' names.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fixtureFixes } from '../tests/harness/fixture-fixes.ts';

/** Set by the login itself in every shell, never by a lesson. */
const shellSets = new Set(['USER', 'HOME', 'PWD', 'SHELL', 'PATH']);

/** `$NAME` uses of upper-case shell variables that the command does not assign before using. */
export function unsetVariables(command: string): string[] {
  const unset: string[] = [];
  for (const match of command.matchAll(/\$([A-Z_][A-Z0-9_]*)\b/g)) {
    if (shellSets.has(match[1]!)) continue;
    const before = command.slice(0, match.index);
    if (!new RegExp(`(^|[\\s;&(])${match[1]}=`).test(before) && !new RegExp(`for ${match[1]} in`).test(before)) unset.push(match[1]!);
  }
  return [...new Set(unset)];
}

const placeholder = /<[A-Za-z][^<>\n]*>/;

describe('fix commands run as they are, in a fresh bash', async () => {
  const fixes = (await fixtureFixes()).map(({ key, fix }) => ({ where: key, fix }));

  it('the fixtures produce the fixes this test reads', () => {
    expect(fixes.length).toBeGreaterThan(50);
  });

  it('every fix parses in bash (bash -n)', () => {
    const broken = fixes.filter(({ fix }) => {
      try {
        execFileSync('bash', ['-n', '-c', fix], { stdio: 'pipe' });
        return false;
      } catch {
        return true;
      }
    });
    expect(broken.map(({ where, fix }) => `${where}: ${fix}`)).toEqual([]);
  });

  it('no fix has a <placeholder> that bash would read as a redirection', () => {
    expect(fixes.filter(({ fix }) => placeholder.test(fix)).map(({ where, fix }) => `${where}: ${fix}`)).toEqual([]);
  });

  it('no fix uses a lesson variable it does not set itself', () => {
    expect(fixes.map(({ where, fix }) => ({ where, unset: unsetVariables(fix) })).filter(({ unset }) => unset.length)).toEqual([]);
  });

  it('the rules catch what they are for (these tests can fail)', () => {
    expect(unsetVariables('aws elbv2 create-listener --default-actions Type=forward,TargetGroupArn=$TG_ARN')).toEqual(['TG_ARN']);
    expect(unsetVariables('TG_ARN=$(aws elbv2 describe-target-groups)\naws elbv2 create-listener --x $TG_ARN')).toEqual([]);
    expect(placeholder.test('aws ec2 create-route --gateway-id <igw-id>')).toBe(true);
    expect(placeholder.test('docker rm -f x 2>/dev/null; docker run -d x')).toBe(false);
  });
});
