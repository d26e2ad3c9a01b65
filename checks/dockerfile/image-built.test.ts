/** Judges of lesson 02 on states the local engine cannot produce here (arm64), or that fixtures pin down exactly. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/checks/run-check.ts';
import { fixture, item, rendered } from '../../tests/harness/judge-fixtures.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';
import imageBuilt, { type ImageBuiltSnapshot } from './image-built.ts';

const vars = testVariables({ workspace: '/home/learner/ecs-workbook' });

describe('dockerfile/image-built', () => {
  it('warns about an arm64 image (Apple Silicon) without failing the step, and offers the amd64 build', () => {
    const result = evaluate(imageBuilt, fixture<ImageBuiltSnapshot>('dockerfile', 'image-built', 'arm64-image'), vars);
    expect(result.status).toBe('pass');
    const architecture = item(result, 'architecture');
    expect(architecture).toMatchObject({ status: 'warn', expected: 'linux/amd64', actual: 'linux/arm64' });
    expect(architecture.hint?.key).toBe('dockerfile.image-built.architecture.hint');
    expect(rendered(architecture.hint)).toContain('exec format error');
    expect(architecture.fix).toBe('cd /home/learner/ecs-workbook && docker buildx build --platform linux/amd64 -t ecs-handson-app --load .');
  });
});
