import { describe, expect, it } from 'vitest';
import { workspaceFolder } from './workspace-folder.ts';

describe('the workspace folder the shell starts in', () => {
  const env = { HOME: '/home/learner' };

  it('is ~/ecs-workbook by default', () => {
    expect(workspaceFolder(env)).toBe('/home/learner/ecs-workbook');
  });

  it('follows ECS_WORKBOOK_WORKSPACE, expanding ~', () => {
    expect(workspaceFolder({ ...env, ECS_WORKBOOK_WORKSPACE: '~/labs/ecs' })).toBe('/home/learner/labs/ecs');
  });

  it('follows the learner\'s workspace setting before the environment', () => {
    expect(workspaceFolder({ ...env, ECS_WORKBOOK_WORKSPACE: '/tmp/other' }, '/home/learner/work')).toBe('/home/learner/work');
  });
});
