import { codeToHtml } from 'shiki';
import { describe, expect, it } from 'vitest';
import { fillVariables, isShellSafeValue, markVariables, shellQuote, variableNames } from './command-variables.ts';

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

describe('values that are not safe in a shell (from an old store, the environment or the home path)', () => {
  const unsafe = { cluster: 'x;$(touch /tmp/p)', workspace: '/home/a b/ecs-workbook', region: 'us-east-1' };

  it('are never filled into a command: the placeholder stays', () => {
    expect(fillVariables('aws ecs create-cluster --cluster-name {{cluster}} --region {{region}} && cd {{workspace}}', unsafe))
      .toBe('aws ecs create-cluster --cluster-name {{cluster}} --region us-east-1 && cd {{workspace}}');
  });

  it('are never rendered into a highlighted command', async () => {
    const { code, transformer } = markVariables('aws ecs create-cluster --cluster-name {{cluster}}', unsafe, (name) => name);
    const html = await codeToHtml(code, { lang: 'sh', theme: 'github-dark', transformers: [transformer] });
    expect(html).not.toContain('touch');
    expect(html).toContain('{{cluster}}');
    expect(html).toContain('wb-var-missing');
  });

  it('tells plain values from shell syntax', () => {
    for (const value of ['ecs-handson-app', '/ecs/task', '~/ecs-workbook', 'team/app', '123456789012', 'ecsTaskExecutionRole', 'a+b=c,d@e']) expect(isShellSafeValue(value), value).toBe(true);
    for (const value of ['a b', 'a;b', '$(id)', '`id`', "it's", 'a|b', 'a>b', 'a*', '-rf', 'a~b', '#x', '']) expect(isShellSafeValue(value), value).toBe(false);
  });
});

describe('fix commands built from what a check found', () => {
  it('quote a value a shell would not read as plain text, and leave plain ones alone', () => {
    expect(shellQuote('/home/me/ecs-workbook/Dockerfile')).toBe('/home/me/ecs-workbook/Dockerfile');
    expect(shellQuote('/home/me/a b;$(id)/Dockerfile')).toBe("'/home/me/a b;$(id)/Dockerfile'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
