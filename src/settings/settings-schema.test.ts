import { describe, expect, it } from 'vitest';
import { learnerVariables } from './learner-variables.ts';
import { parseSettings } from './settings-schema.ts';
import { dataDir } from './data-dir.ts';

const problems = (input: unknown) => {
  const parsed = parseSettings(input);
  return parsed.ok ? [] : parsed.problems;
};

describe('settings', () => {
  it('accepts empty settings and fills in the defaults from the sources', () => {
    const parsed = parseSettings({});
    expect(parsed.ok).toBe(true);
    const vars = learnerVariables(parsed.ok ? parsed.settings : {}, { region: 'ap-northeast-1', accountId: '123456789012' });
    expect(vars).toMatchObject({ repository: 'ecs-handson-app', cluster: 'ecs-handson-cluster', service: 'ecs-fargate-service', loadBalancer: 'ecs-fargate-alb', logGroup: '/ecs/ecs-handson-task', executionRole: 'ecsTaskExecutionRole', accountId: '123456789012', prefix: '' });
    expect(vars.workspace).toMatch(/\/ecs-workbook$/);
  });

  it('applies the prefix to every name, the derived log group included', () => {
    const parsed = parseSettings({ prefix: 'alice', cluster: 'my-cluster' });
    const vars = learnerVariables(parsed.ok ? parsed.settings : {}, { region: 'us-west-2' });
    expect(vars).toMatchObject({ region: 'us-west-2', prefix: 'alice', cluster: 'alice-my-cluster', repository: 'alice-ecs-handson-app', taskFamily: 'alice-ecs-handson-task', logGroup: '/ecs/alice-ecs-handson-task' });
  });

  it('refuses a bad region with the rule it broke', () => {
    expect(problems({ region: 'Tokyo' })).toEqual([{ field: 'region', message: expect.stringContaining('a region looks like "ap-northeast-1"') }]);
  });

  it('refuses an ECR repository name with capitals, with ECR’s naming rule', () => {
    expect(problems({ repository: 'MyApp' })).toEqual([{ field: 'repository', message: expect.stringContaining('ECR repository names have 2–256 lower-case letters') }]);
  });

  it('refuses ECS names with spaces and load balancer names over 32 characters', () => {
    expect(problems({ cluster: 'my cluster' })[0]).toMatchObject({ field: 'cluster', message: expect.stringContaining('ECS names use') });
    expect(problems({ loadBalancer: 'a-load-balancer-name-that-is-far-too-long' })[0]).toMatchObject({ field: 'loadBalancer', message: expect.stringContaining('at most 32') });
    expect(problems({ targetGroup: '-tg' })[0]).toMatchObject({ field: 'targetGroup' });
  });

  it('blames the prefix when it pushes a default name past a limit', () => {
    expect(problems({ prefix: 'a-rather-long' })).toEqual([{ field: 'prefix', message: expect.stringContaining('at most 12 characters') }]);
    const tooLong = problems({ prefix: 'abcdefghijkl', loadBalancer: undefined, targetGroup: 'target-group-name-long' });
    expect(tooLong).toEqual([{ field: 'targetGroup', message: expect.stringContaining('"abcdefghijkl-target-group-name-long" is not allowed') }]);
  });

  it('refuses unknown settings rather than ignoring a typo', () => {
    expect(problems({ clusterName: 'x' })[0]?.message).toMatch(/clusterName/);
  });

  it('keeps data in ECS_WORKBOOK_DATA_DIR, else the platform’s data folder', () => {
    expect(dataDir({ ECS_WORKBOOK_DATA_DIR: '/tmp/x' })).toBe('/tmp/x');
    expect(dataDir({ XDG_DATA_HOME: '/data' }, 'linux')).toBe('/data/ecs-workbook');
    expect(dataDir({}, 'darwin')).toMatch(/Library\/Application Support\/ecs-workbook$/);
  });
});
