/** Judges of lesson 03 on manifests moto cannot produce: buildx indexes with attestation entries. */
import { describe, expect, it } from 'vitest';
import { item, judgeFixture, render } from '../../tests/harness/judge-fixtures.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';
import imagePushed from './image-pushed.ts';

const vars = testVariables({ workspace: '/Users/learner/ecs-workbook' });

describe('ecr/image-pushed', () => {
  it('fails an arm64-only index, ignoring the attestation entry, and gives the amd64 build-and-push', () => {
    const result = judgeFixture(imagePushed, 'arm64-only-index-with-attestation.fixture', vars);
    expect(result.status).toBe('fail');
    const architecture = item(result, 'architecture');
    expect(architecture).toMatchObject({ status: 'fail', expected: 'linux/amd64', actual: 'linux/arm64' });
    expect(architecture.hint?.key).toBe('ecr.image-pushed.architecture.arm64-index');
    expect(render(architecture.hint)).toContain('does not contain descriptor matching platform');
    expect(architecture.fix).toBe('cd /Users/learner/ecs-workbook && docker buildx build --platform linux/amd64 -t 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-handson-app:latest --push .');
    expect(item(result, 'tag').status).toBe('pass');
    expect(item(result, 'pushed-after-start').status).toBe('pass');
  });

  it('passes the same index when it offers linux/amd64', () => {
    const result = judgeFixture(imagePushed, 'amd64-index-with-attestation.fixture', vars);
    expect(result.status).toBe('pass');
    expect(item(result, 'architecture')).toMatchObject({ status: 'pass', actual: 'linux/amd64' });
  });
});
