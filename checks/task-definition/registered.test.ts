import { describe, expect, it } from 'vitest';
import check from './registered.ts';
import { item, judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';

const register = 'aws ecs register-task-definition --region ap-northeast-1 --cli-input-json file://task-definition.json';

describe('task-definition/registered judge', () => {
  it('passes the lesson task definition', () => {
    const result = judgeFixture(check, 'steady');
    expect(result.status).toBe('pass');
    expect(problems(result)).toEqual([]);
    expect(result.resources[0]?.name).toBe('ecs-handson-task:1');
  });

  it('asks to register when the family has no ACTIVE revision', () => {
    const found = item(judgeFixture(check, 'not-registered'), 'found');
    expect([found.status, found.fix]).toEqual(['fail', register]);
  });

  it('explains an image without registry prefix (Docker Hub)', () => {
    const image = item(judgeFixture(check, 'no-registry-prefix'), 'image');
    expect(image.status).toBe('fail');
    expect(image.hint?.key).toBe('task-definition.registered.image.no-registry');
    expect(image.hint?.params?.uri).toBe('123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-handson-app');
  });

  it('names the foreign account and region of an image from elsewhere', () => {
    const image = item(judgeFixture(check, 'foreign-image'), 'image');
    expect(image.hint?.key).toBe('task-definition.registered.image.foreign');
    expect(image.hint?.params).toMatchObject({ account: '210987654321', region: 'us-east-1' });
  });

  it('asks to push a tag that does not exist in the repository', () => {
    const image = item(judgeFixture(check, 'tag-missing'), 'image');
    expect(image.hint?.key).toBe('task-definition.registered.image.tag-missing');
    expect(image.fix).toBe('docker push 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-handson-app:v1');
  });

  it('fails bridge mode, EC2-only and a size other than 0.25 vCPU / 0.5 GB', () => {
    expect(problems(judgeFixture(check, 'bridge-and-wrong-size'))).toEqual([
      'fargate fail task-definition.registered.fargate.hint',
      'network-mode fail task-definition.registered.network-mode.hint',
      'size fail task-definition.registered.size.hint',
    ]);
  });

  it('asks to create a missing log group', () => {
    const group = item(judgeFixture(check, 'log-group-missing'), 'log-group');
    expect(group.hint?.key).toBe('task-definition.registered.log-group.missing');
    expect(group.fix).toBe("aws logs create-log-group --region ap-northeast-1 --log-group-name /ecs/ecs-handson-task");
  });

  it('sees that awslogs-create-group needs logs:CreateLogGroup, which the managed policy lacks', () => {
    const group = item(judgeFixture(check, 'create-group-without-permission'), 'log-group');
    expect(group.hint?.key).toBe('task-definition.registered.log-group.no-create-permission');
  });

  it('fails a task definition without execution role', () => {
    const role = item(judgeFixture(check, 'no-execution-role'), 'execution-role');
    expect([role.status, role.hint?.key, role.fix]).toEqual(['fail', 'task-definition.registered.execution-role.none', register]);
  });

  it('names the actions an execution role without policy lacks', () => {
    const role = item(judgeFixture(check, 'execution-role-without-policy'), 'execution-role');
    expect(role.hint?.key).toBe('task-definition.registered.execution-role.policy');
    expect(role.fix).toContain('attach-role-policy --role-name ecsTaskExecutionRole');
  });

  it('warns, without failing, about an ARM64 runtime platform', () => {
    const result = judgeFixture(check, 'arm64-runtime');
    expect(result.status).toBe('pass');
    expect(problems(result)).toEqual(['architecture warn task-definition.registered.architecture.hint']);
  });

  it('fails a container that does not map port 3000', () => {
    const port = item(judgeFixture(check, 'no-port-mapping'), 'port');
    expect([port.status, port.actual]).toEqual(['fail', '80/tcp']);
  });
});

describe('task-definition/registered: found in another region', () => {
  it('says where it is, and keeps the fix for the workbook region', () => {
    const result = judgeFixture(check, 'in-other-region');
    expect(result.status).toBe('fail');
    expect(item(result, 'found')).toMatchObject({
      actual: 'not in ap-northeast-1; found in us-east-1',
      hint: { key: 'task-definition.common.other-region', params: { name: 'ecs-handson-task', regions: 'us-east-1', region: 'ap-northeast-1' } },
    });
  });
});
