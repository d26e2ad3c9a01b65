import { describe, expect, it } from 'vitest';
import { learnerVariables } from '../settings/learner-variables.ts';
import { workspaceFolder } from './workspace-folder.ts';

describe('the workspace folder the shell starts in', () => {
  const env = { HOME: '/home/learner' };

  it('is ~/ecs-workbook by default', () => {
    expect(workspaceFolder(env)).toBe('/home/learner/ecs-workbook');
  });

  it('follows the folder the learner\'s variables name, expanding ~ in the learner\'s home', () => {
    expect(workspaceFolder(env, '~/labs/ecs')).toBe('/home/learner/labs/ecs');
  });

  it('is the learner\'s workspace setting, else the configured one (ECS_WORKBOOK_WORKSPACE)', () => {
    expect(learnerVariables({ workspace: '/home/learner/work' }, { region: 'ap-northeast-1', workspace: '/tmp/other' }).workspace).toBe('/home/learner/work');
    expect(learnerVariables({}, { region: 'ap-northeast-1', workspace: '/tmp/other' }).workspace).toBe('/tmp/other');
  });
});
