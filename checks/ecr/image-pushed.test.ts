/** Judges of lesson 03 on manifests moto cannot produce: buildx indexes with attestation entries. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/checks/run-check.ts';
import { fixture, item, rendered } from '../../tests/harness/judge-fixtures.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';
import imagePushed, { type ImagePushedSnapshot } from './image-pushed.ts';

const vars = testVariables({ workspace: '/Users/learner/ecs-workbook' });

describe('ecr/image-pushed', () => {
  it('fails an arm64-only index, ignoring the attestation entry, and gives the amd64 build-and-push', () => {
    const result = evaluate(imagePushed, fixture<ImagePushedSnapshot>('ecr', 'image-pushed', 'arm64-only-index-with-attestation'), vars);
    expect(result.status).toBe('fail');
    const architecture = item(result, 'architecture');
    expect(architecture).toMatchObject({ status: 'fail', expected: 'linux/amd64', actual: 'linux/arm64' });
    expect(architecture.hint?.key).toBe('ecr.image-pushed.architecture.arm64-index');
    expect(rendered(architecture.hint)).toContain('does not contain descriptor matching platform');
    expect(architecture.fix).toBe('cd /Users/learner/ecs-workbook && docker buildx build --platform linux/amd64 -t 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-handson-app:latest --push .');
    expect(item(result, 'tag').status).toBe('pass');
    expect(item(result, 'pushed-after-start').status).toBe('pass');
  });

  it('passes the same index when it offers linux/amd64', () => {
    const result = evaluate(imagePushed, fixture<ImagePushedSnapshot>('ecr', 'image-pushed', 'amd64-index-with-attestation'), vars);
    expect(result.status).toBe('pass');
    expect(item(result, 'architecture')).toMatchObject({ status: 'pass', actual: 'linux/amd64' });
  });
});
