import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { learnerVariables } from '../settings/learner-variables.ts';
import { ensureWorkspaceFolder, workspaceFolder } from './workspace-folder.ts';

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

describe('a workspace folder that cannot be made', () => {
  it('says why in words, never with an errno code', () => {
    const parent = mkdtempSync(join(tmpdir(), 'wb-'));
    try {
      writeFileSync(join(parent, 'f'), 'a file where a folder should be\n');
      const folder = join(parent, 'f', 'w');
      expect(() => ensureWorkspaceFolder({ HOME: parent }, folder)).toThrow(`the workspace folder ${folder} cannot be made (a file is in the way); choose another in Settings`);
      expect(() => ensureWorkspaceFolder({ HOME: parent }, folder)).not.toThrow(/E[A-Z]{3,}/);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
