/** Judges of lesson 02 on states the local engine cannot produce here (arm64), or that fixtures pin down exactly. */
import { describe, expect, it } from 'vitest';
import { item, judgeFixture, render } from '../../tests/harness/judge-fixtures.ts';
import imageBuilt from './image-built.ts';

describe('dockerfile/image-built', () => {
  it('warns about an arm64 image (Apple Silicon) without failing the step, and offers the amd64 build', () => {
    const result = judgeFixture(imageBuilt, 'arm64-image.fixture');
    expect(result.status).toBe('pass');
    const architecture = item(result, 'architecture');
    expect(architecture).toMatchObject({ status: 'warn', expected: 'linux/amd64', actual: 'linux/arm64' });
    expect(architecture.hint?.key).toBe('dockerfile.image-built.architecture.hint');
    expect(render(architecture.hint)).toContain('exec format error');
    expect(architecture.fix).toBe('cd /home/learner/ecs-workbook && docker buildx build --platform linux/amd64 -t ecs-handson-app --load .');
  });
});
