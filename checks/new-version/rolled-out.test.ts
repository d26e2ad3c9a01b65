import { describe, expect, it } from 'vitest';
import { item, judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';
import check from './rolled-out.ts';

describe('new-version/rolled-out judge', () => {
  it('passes a completed rollout of revision 2 with the v2 image, answering version 2', () => {
    const result = judgeFixture(check, 'rolled-out-to-version-2.fixture');
    expect(result.status).toBe('pass');
    expect(item(result, 'image').actual).toBe('ecs-handson-task:2 → 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-handson-app:v2');
    expect(item(result, 'version').actual).toBe('version 2');
  });

  it('is pending while old and new tasks both run', () => {
    expect(problems(judgeFixture(check, 'rolling.fixture'))).toEqual([
      'deployment pending new-version.rolled-out.deployment.rolling',
      'version pending new-version.rolled-out.version.rolling',
    ]);
  });

  it('asks to update the service to the new revision', () => {
    const revision = item(judgeFixture(check, 'service-on-old-revision'), 'revision');
    expect(revision.fix).toBe('aws ecs update-service --region ap-northeast-1 --cluster ecs-handson-cluster --service ecs-fargate-service --task-definition ecs-handson-task:2');
  });

  it('sees a new revision that still names the old image', () => {
    const image = item(judgeFixture(check, 'revision-with-old-image'), 'image');
    expect(image.hint).toEqual({ key: 'new-version.rolled-out.image.old-image', params: { revision: 'ecs-handson-task:2', tag: 'v2' } });
  });

  it('asks for a new revision when there is only one', () => {
    expect(item(judgeFixture(check, 'only-one-revision'), 'image').hint?.key).toBe('new-version.rolled-out.image.no-new-revision');
  });

  it('fails a finished rollout whose app still says version 1', () => {
    expect(item(judgeFixture(check, 'completed-but-version-1.fixture'), 'version').hint?.key).toBe('new-version.rolled-out.version.old');
  });
});
