/**
 * Judges of lesson 03 on states moto and the local engine cannot produce: buildx indexes with
 * attestation entries, an image pushed before the lesson started, a local build that differs.
 */
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

  const uri = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-handson-app';
  const pushAgain = `aws ecr get-login-password --region ap-northeast-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com && docker tag ecs-handson-app:latest ${uri}:latest && docker push ${uri}:latest`;
  const pushedDigest = 'sha256:5b1e0d2c3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c';
  const localDigest = 'sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0';

  it('fails an image pushed before the lesson started that differs from the local build, with the push of the current build', () => {
    const result = judgeFixture(imagePushed, 'pushed-before-lesson.fixture', vars);
    expect(result.status).toBe('fail');
    expect(result.summary.key).toBe('ecr.image-pushed.fail');
    const fresh = item(result, 'pushed-after-start');
    expect(fresh).toMatchObject({ status: 'fail', expected: 'after 2026-11-21T10:00:00.000Z', actual: '2026-11-20T08:15:00.000Z' });
    expect(fresh.hint?.key).toBe('ecr.image-pushed.fresh.hint');
    expect(render(fresh.hint)).toBe('This image was pushed before the lesson started and differs from your local build. Push your current build.');
    expect(fresh.fix).toBe(pushAgain);
    expect(item(result, 'same-digest')).toMatchObject({ status: 'warn', expected: localDigest, actual: pushedDigest, fix: pushAgain });
  });

  it('fails an image pushed before the lesson started when there is no local build, with build-then-push', () => {
    const result = judgeFixture(imagePushed, 'pushed-before-lesson-no-local-build.fixture', vars);
    expect(result.status).toBe('fail');
    const fresh = item(result, 'pushed-after-start');
    expect(fresh).toMatchObject({ status: 'fail', expected: 'after 2026-11-21T10:00:00.000Z', actual: '2026-11-20T08:15:00.000Z' });
    expect(fresh.hint).toEqual({ key: 'ecr.image-pushed.fresh.no-local', params: { started: '2026-11-21T10:00:00.000Z' } });
    expect(render(fresh.hint)).toContain('there is no local build of it to compare with');
    expect(fresh.fix).toBe(`cd /Users/learner/ecs-workbook && docker build -t ecs-handson-app . && ${pushAgain}`);
    expect(item(result, 'architecture')).toMatchObject({ status: 'warn', actual: 'unknown', hint: { key: 'ecr.image-pushed.architecture.unknown' } });
    expect(result.items.find((entry) => entry.id === 'same-digest')).toBeUndefined();
  });

  it('passes an image pushed before the lesson started when it is the same as the local build', () => {
    const result = judgeFixture(imagePushed, 'pushed-before-lesson-same-as-local.fixture', vars);
    expect(result.status).toBe('pass');
    expect(item(result, 'pushed-after-start')).toMatchObject({ status: 'pass', actual: '2026-11-20T08:15:00.000Z' });
    expect(item(result, 'same-digest')).toMatchObject({ status: 'pass', actual: pushedDigest });
    expect(item(result, 'architecture')).toMatchObject({ status: 'pass', actual: 'linux/amd64 (your local build, same digest)' });
  });

  it('warns when ECR’s image differs from the local build (pushed during the lesson), with the push again', () => {
    const result = judgeFixture(imagePushed, 'digest-differs-from-local.fixture', vars);
    expect(result.status).toBe('pass');
    expect(item(result, 'pushed-after-start').status).toBe('pass');
    const digest = item(result, 'same-digest');
    expect(digest).toMatchObject({ status: 'warn', expected: localDigest, actual: pushedDigest });
    expect(digest.hint?.key).toBe('ecr.image-pushed.digest.hint');
    expect(render(digest.hint)).toBe('The image in ECR differs from your latest local build. If you rebuilt after pushing, push again.');
    expect(digest.fix).toBe(pushAgain);
    expect(item(result, 'architecture')).toMatchObject({ status: 'pass', actual: 'linux/amd64 (your local build)' });
  });
});
