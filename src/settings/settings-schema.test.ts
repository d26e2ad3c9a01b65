import { describe, expect, it } from 'vitest';
import { learnerVariables } from './learner-variables.ts';
import { parseSettings, parseStoredSettings } from './settings-schema.ts';
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

  it('keeps data in the configured folder (ECS_WORKBOOK_DATA_DIR), else the platform’s data folder', () => {
    expect(dataDir('/tmp/x')).toBe('/tmp/x');
    expect(dataDir(undefined, { XDG_DATA_HOME: '/data' }, 'linux')).toBe('/data/ecs-workbook');
    expect(dataDir(undefined, {}, 'darwin')).toMatch(/Library\/Application Support\/ecs-workbook$/);
  });
});

describe('settings that Run types into the shell', () => {
  // Commands use names and the workspace unquoted: `--cluster-name {{cluster}}`, `cd {{workspace}}`.
  const injections = ['x;$(touch /tmp/p)', 'a b`id`', 'a|b', 'a&b', 'a>b', 'a*', 'a?', "a'b", 'a"b', '$HOME', '-rf'];

  it.each(['cluster', 'taskFamily', 'service', 'vpcName', 'albSecurityGroup', 'taskSecurityGroup', 'executionRole', 'logGroup', 'repository', 'loadBalancer', 'targetGroup'])(
    'refuses shell syntax in %s, saying which characters are allowed',
    (field) => {
      for (const value of injections) {
        const found = problems({ [field]: value });
        expect(found, `${field} = ${value}`).toEqual([{ field, message: expect.stringMatching(/is not allowed: .*(letters|lower-case)/) }]);
      }
    },
  );

  it('refuses a log group with "#", which would start a shell comment', () => {
    expect(problems({ logGroup: '/ecs/a #b' })[0]?.message).toContain('no "#": a shell reads it as a comment');
    expect(problems({ logGroup: '/ecs/my-app_1.0' })).toEqual([]);
  });

  it('keeps the names AWS and the lessons use', () => {
    expect(problems({ repository: 'team/ecs-handson-app', executionRole: 'ecsTaskExecutionRole', albSecurityGroup: 'ecs-alb-sg', vpcName: 'my.vpc_1' })).toEqual([]);
  });

  it('refuses shell syntax in the prefix with the prefix rule', () => {
    expect(problems({ prefix: 'a;b' })[0]).toMatchObject({ field: 'prefix', message: expect.stringContaining('a prefix uses lower-case letters, digits and single hyphens') });
  });

  it('refuses a workspace path with spaces or shell syntax, allowing ~ only at the start', () => {
    for (const path of ['~/my work', '~/a;rm -rf ~', '/tmp/$(id)', '/tmp/`id`', "~/it's", '~/a&b', '~/a|b', '~/a>b', '~/a*', '~/a?', 'a/~/b', '~user/x', '-rf']) {
      expect(problems({ workspace: path }), path).toEqual([{ field: 'workspace', message: expect.stringContaining('may use only letters, digits and ._-/ ("~" only at the start') }]);
    }
    for (const path of ['~', '~/ecs-workbook', '/home/me/ecs_workbook-2', '/work/ecs.1']) expect(problems({ workspace: path }), path).toEqual([]);
  });

  it('refuses a workspace that is relative, climbs with "..", or is too long, with the rule', () => {
    expect(problems({ workspace: 'work/ecs' })).toEqual([{ field: 'workspace', message: expect.stringContaining('must be a full path: starting with / or ~/') }]);
    expect(problems({ workspace: '~/../../etc' })).toEqual([{ field: 'workspace', message: expect.stringContaining('may not contain ".."') }]);
    expect(problems({ workspace: `/tmp/${'a'.repeat(300)}` })).toEqual([{ field: 'workspace', message: expect.stringContaining('at most 200 characters') }]);
    expect(problems({ workspace: '~/a..b/c.d' })).toEqual([]);
  });

  it('refuses a region that is not a region', () => {
    expect(problems({ region: 'us-east-1;id' })[0]).toMatchObject({ field: 'region', message: expect.stringContaining('a region looks like') });
  });
});

describe('settings saved by an older workbook', () => {
  it('keeps every other setting when one no longer passes today\'s rules, and says which was dropped', () => {
    const { settings, dropped } = parseStoredSettings({ prefix: 'kim', region: 'eu-west-1', workspace: 'work/ecs' });
    expect(settings).toEqual({ prefix: 'kim', region: 'eu-west-1' });
    expect(dropped.map((problem) => problem.field)).toEqual(['workspace']);
  });
  it('keeps settings that pass as they are', () => {
    expect(parseStoredSettings({ prefix: 'kim', workspace: '~/work' })).toEqual({ settings: { prefix: 'kim', workspace: '~/work' }, dropped: [] });
  });
});
