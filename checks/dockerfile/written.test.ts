/** dockerfile/written judged on Dockerfile texts: the lesson's passes; what breaks the build or later lessons fails. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/checks/run-check.ts';
import { item, render } from '../../tests/harness/judge-fixtures.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';
import written from './written.ts';
import { sampleDockerfile } from './sample-dockerfile.ts';

const vars = testVariables({ workspace: '/home/learner/ecs-workbook' });
const path = '/home/learner/ecs-workbook/Dockerfile';
const judge = (text: string) => evaluate(written, { path, text, elsewhere: [] }, vars);

describe('dockerfile/written', () => {
  it('the fix command writes exactly the sample app Dockerfile', () => {
    expect(sampleDockerfile).toBe(readFileSync('sandbox/app/Dockerfile', 'utf8'));
  });

  it('passes the lesson Dockerfile, resolving FROM ${BASE_IMAGE} to busybox', () => {
    const result = judge(sampleDockerfile);
    expect(result.status).toBe('pass');
    expect(item(result, 'from')).toMatchObject({ status: 'pass', actual: 'public.ecr.aws/docker/library/busybox:1.36' });
  });

  it('fails EXPOSE 80, naming the lessons that use 3000, with a fix', () => {
    const result = judge(sampleDockerfile.replace('EXPOSE 3000', 'EXPOSE 80'));
    expect(result.status).toBe('fail');
    const expose = item(result, 'expose');
    expect(expose).toMatchObject({ expected: 'EXPOSE 3000', actual: 'EXPOSE 80', fix: `sed -i.bak 's/^EXPOSE .*/EXPOSE 3000/' ${path}` });
    expect(render(expose.hint)).toContain('lessons 04 to 08');
  });

  it('fails without CMD, and only notes a missing WORKDIR', () => {
    const result = judge(sampleDockerfile.replace('CMD ["/app/start.sh"]\n', '').replace('WORKDIR /app\n', ''));
    expect(result.status).toBe('fail');
    expect(item(result, 'cmd').status).toBe('fail');
    expect(item(result, 'workdir').status).toBe('warn');
  });

  it('points at a Dockerfile one folder down when the workspace has none', () => {
    const result = evaluate(written, { path, text: null, readError: 'ENOENT', elsewhere: ['/home/learner/ecs-workbook/app/Dockerfile'] }, vars);
    expect(result.status).toBe('fail');
    const file = item(result, 'file');
    expect(render(file.hint)).toContain('/home/learner/ecs-workbook/app/Dockerfile');
    expect(file.fix).toBe(`cp /home/learner/ecs-workbook/app/Dockerfile ${path}`);
  });
});
