import { codeToHtml } from 'shiki';
import { describe, expect, it } from 'vitest';
import { fillVariables, markVariables, variableNames } from './command-variables.ts';

const command = 'aws ecr create-repository --repository-name {{repository}} --region {{region}}\n' +
  'docker tag app {{accountId}}.dkr.ecr.{{region}}.amazonaws.com/{{repository}}:latest';

describe('learner variables in commands', () => {
  it('lists each variable once', () => {
    expect(variableNames(command)).toEqual(['repository', 'region', 'accountId']);
  });

  it('fills known values and leaves unknown ones visible', () => {
    expect(fillVariables('--region {{region}} --name {{ repository }}', { region: 'us-east-1' }))
      .toBe('--region us-east-1 --name {{ repository }}');
  });

  it('survives highlighting: every placeholder becomes one span with its value', async () => {
    const values = { region: 'ap-northeast-1', repository: 'ecs-handson-app' };
    const { code, transformer } = markVariables(command, values, (name) => `Your ${name}`);
    const html = await codeToHtml(code, { lang: 'sh', theme: 'github-light', transformers: [transformer] });
    expect(html).not.toContain('WBVAR');
    expect(html.match(/data-var="region"/g)).toHaveLength(2);
    expect(html).toContain('<span class="wb-var" data-var="repository" title="Your repository">ecs-handson-app</span>');
    expect(html).toContain('<span class="wb-var wb-var-missing" data-var="accountId" title="Your accountId">{{accountId}}</span>');
  });
});
