import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckContext } from '../../src/checks/check-context.ts';
import { evaluate, runCheck } from '../../src/checks/run-check.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';
import { judgeFixture } from '../../tests/harness/judge-fixtures.ts';
import { startMoto, type Moto } from '../../tests/harness/moto.ts';
import check from './aws-identity.ts';

const vars = testVariables();
const identity = { Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/alice', UserId: 'AIDA' };

describe('setup/aws-identity judge', () => {
  it('passes with the account, the caller ARN and the region', () => {
    const result = evaluate(check, { region: 'ap-northeast-1', 'sts:GetCallerIdentity': identity }, vars);
    expect(result.status).toBe('pass');
    expect(result.items.map((i) => [i.id, i.status, i.actual])).toEqual([
      ['identity', 'pass', 'arn:aws:iam::123456789012:user/alice'],
      ['account', 'pass', '123456789012'],
      ['region', 'pass', 'ap-northeast-1'],
    ]);
  });

  it('an answer that names no account is "could not check", never "not yet"', () => {
    const result = evaluate(check, { region: 'ap-northeast-1', 'sts:GetCallerIdentity': {} }, vars);
    expect(result.status).toBe('error');
    expect(result.items[0]).toMatchObject({ status: 'error', fix: 'aws sts get-caller-identity' });
  });

  it('warns, without failing, when the caller is the root user', () => {
    const result = judgeFixture(check, 'root-user.fixture', vars);
    expect(result.status).toBe('pass');
    expect(result.items.find((i) => i.id === 'not-root')).toMatchObject({ status: 'warn', actual: 'arn:aws:iam::111122223333:root', hint: { key: 'setup.aws-identity.root.hint' } });
  });

  it('warns when the aws CLI would act in another region than the checks look in', () => {
    const result = evaluate(check, { region: 'ap-northeast-1', cliRegion: 'us-east-1', 'sts:GetCallerIdentity': identity }, vars);
    expect(result.items.find((i) => i.id === 'cli-region')).toMatchObject({ status: 'warn', expected: 'ap-northeast-1', actual: 'us-east-1', fix: 'export AWS_REGION=ap-northeast-1' });
  });

  it('turns every could-not-look error of STS (Query family) into an error with its fix', () => {
    const cases: [string, string, string | undefined][] = [
      ['CredentialsProviderError', 'Could not load credentials from any providers', 'aws configure'],
      ['InvalidClientTokenId', 'The security token included in the request is invalid.', 'aws configure'],
      ['SignatureDoesNotMatch', 'The request signature we calculated does not match', 'aws configure'],
      ['ExpiredToken', 'The security token included in the request is expired', undefined],
      ['Throttling', 'Rate exceeded', undefined],
    ];
    for (const [name, message, fix] of cases) {
      const result = evaluate(check, { region: 'ap-northeast-1', 'sts:GetCallerIdentity': { $error: { name, message } } }, vars, { env: {} });
      expect(result.status, name).toBe('error');
      expect(result.items[0]!.fix, name).toBe(fix);
    }
    const network = evaluate(check, { region: 'ap-northeast-1', 'sts:GetCallerIdentity': { $error: { name: 'Error', message: 'getaddrinfo ENOTFOUND sts.ap-northeast-1.amazonaws.com', code: 'ENOTFOUND' } } }, vars, { env: {} });
    expect(network.summary.key).toBe('check.error.network.summary');
  });

  it('sends an expired SSO session to `aws sso login` with its profile', () => {
    const result = judgeFixture(check, 'sso-expired.fixture', vars);
    expect(result).toMatchObject({ status: 'error', summary: { key: 'check.error.sso-login.summary' } });
    expect(result.items[0]!.fix).toBe('aws sso login --profile workshop');
  });
});

describe('setup/aws-identity against moto', () => {
  let moto: Moto;
  const saved = { ...process.env };
  beforeAll(async () => {
    moto = await startMoto();
    Object.assign(process.env, moto.env);
    delete process.env.AWS_PROFILE;
  });
  afterAll(async () => {
    process.env = saved;
    await moto?.stop();
  });

  it('observes the caller identity and passes with moto’s account', async () => {
    const { ctx, dispose } = createCheckContext({ vars: testVariables({ region: moto.region }) });
    const run = await runCheck(check, ctx);
    dispose();
    expect(run.result.status).toBe('pass');
    expect(run.snapshot).toMatchObject({ region: 'ap-northeast-1', 'sts:GetCallerIdentity': { Account: '123456789012', Arn: 'arn:aws:sts::123456789012:user/moto' } });
  });

  it('says the key is not accepted once moto enforces authorisation', async () => {
    await moto.enableAuth();
    const { ctx, dispose } = createCheckContext({ vars: testVariables({ region: moto.region }), maxAttempts: 1 });
    const run = await runCheck(check, ctx);
    dispose();
    await moto.reset();
    expect(run.result.status).toBe('error');
    expect(run.result.summary.key).toBe('check.error.invalid-credentials.summary');
    expect(run.result.items[0]!.actual).toMatch(/^InvalidClientTokenId/);
  });
});
