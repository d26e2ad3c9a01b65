import { describe, expect, it } from 'vitest';
import { classifyError, deniedAction, findCouldNotLook, type CouldNotLookKind } from './classify-error.ts';
import { couldNotLookResult, withoutUserInfo } from './could-not-look-result.ts';
import { messages } from './messages.ts';
import { readOnlyPolicy } from './read-only-policy.ts';

// Error names per protocol family, as SDK v3 reports them (shared/reference/aws-checks.md §5).
const families: Record<string, Record<string, { name: string; httpStatusCode: number; message: string }>> = {
  'JSON (ECS, ECR, Logs)': {
    'invalid-credentials': { name: 'UnrecognizedClientException', httpStatusCode: 400, message: 'The security token included in the request is invalid.' },
    'expired-token': { name: 'ExpiredTokenException', httpStatusCode: 400, message: 'The security token included in the request is expired' },
    'access-denied': { name: 'AccessDeniedException', httpStatusCode: 400, message: 'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: ecs:DescribeServices on resource: *' },
    throttled: { name: 'ThrottlingException', httpStatusCode: 400, message: 'Rate exceeded' },
  },
  'Query (STS, IAM, ELBv2)': {
    'invalid-credentials': { name: 'InvalidClientTokenId', httpStatusCode: 403, message: 'The security token included in the request is invalid.' },
    'expired-token': { name: 'ExpiredToken', httpStatusCode: 403, message: 'The security token included in the request is expired' },
    'access-denied': { name: 'AccessDenied', httpStatusCode: 403, message: 'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: elasticloadbalancing:DescribeTargetHealth' },
    throttled: { name: 'Throttling', httpStatusCode: 400, message: 'Rate exceeded' },
  },
  EC2: {
    'invalid-credentials': { name: 'AuthFailure', httpStatusCode: 401, message: 'AWS was not able to validate the provided access credentials' },
    'expired-token': { name: 'RequestExpired', httpStatusCode: 400, message: 'Request has expired.' },
    'access-denied': { name: 'UnauthorizedOperation', httpStatusCode: 403, message: 'You are not authorized to perform this operation. Encoded authorization failure message: abc' },
    throttled: { name: 'RequestLimitExceeded', httpStatusCode: 503, message: 'Request limit exceeded.' },
  },
};

describe('could-not-look errors per protocol family', () => {
  for (const [family, cases] of Object.entries(families)) {
    for (const [kind, error] of Object.entries(cases)) {
      it(`${family}: ${error.name} → ${kind}`, () => {
        const found = classifyError({ ...error, fault: 'client' }, 'ec2:DescribeVpcs');
        expect(found?.kind).toBe(kind);
      });
    }
  }

  it('names the refused action: from the message, or from the snapshot key when EC2 encodes it', () => {
    expect(classifyError(families['JSON (ECS, ECR, Logs)']!['access-denied']!, 'ecs:DescribeServices')?.action).toBe('ecs:DescribeServices');
    expect(classifyError(families.EC2!['access-denied']!, 'ec2:DescribeVpcs')?.action).toBe('ec2:DescribeVpcs');
    expect(deniedAction('User: x is not authorized to perform: iam:GetRole on resource: role y')).toBe('iam:GetRole');
  });

  it('recognises client-side failures: no credentials, SSO, region, network, timeout', () => {
    expect(classifyError({ name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' })?.kind).toBe('no-credentials');
    const sso = classifyError({ name: 'CredentialsProviderError', message: "The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile." });
    expect(sso).toMatchObject({ kind: 'sso-login', profile: 'dev' });
    expect(classifyError({ name: 'Error', message: 'Region is missing' })?.kind).toBe('region-missing');
    for (const code of ['ENOTFOUND', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET']) {
      expect(classifyError({ name: 'Error', message: `getaddrinfo ${code} sts.ap-northeast-1.amazonaws.com`, code })?.kind).toBe('network');
    }
    expect(classifyError({ name: 'TimeoutError', message: 'The operation was aborted due to timeout' })?.kind).toBe('timeout');
  });

  it("reads moto's XML error bodies (a SyntaxError from the JSON parser) as could-not-look", () => {
    expect(classifyError({ name: 'SyntaxError', message: 'Unexpected token < in JSON at position 0 Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.' })?.kind).toBe('unreadable-response');
  });

  it('tells a missing or forbidden Docker socket from an AWS network failure', () => {
    expect(classifyError({ name: 'Error', message: 'connect ENOENT /var/run/docker.sock', code: 'ENOENT' })?.kind).toBe('docker-unreachable');
    expect(classifyError({ name: 'Error', message: 'connect EACCES /var/run/docker.sock', code: 'EACCES' })?.kind).toBe('docker-permission');
    expect(classifyError({ name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:4566', code: 'ECONNREFUSED' })?.kind).toBe('network');
  });

  it('leaves not-found errors to the judge: they are evidence about the learner’s resources', () => {
    for (const name of ['RepositoryNotFoundException', 'NoSuchEntity', 'ClusterNotFoundException', 'LoadBalancerNotFoundException', 'InvalidVpcID.NotFound', 'ClientException']) {
      expect(classifyError({ name, message: 'not found', httpStatusCode: 400, fault: 'client' })).toBeUndefined();
    }
  });

  it('classifies what never reached AWS: a web page, an endpoint that is not a URL, a region that is not a region', () => {
    expect(classifyError({ name: 'NotAnAwsAnswer', message: 'The endpoint answered HTTP 200 with a web page (text/html)' })?.kind).toBe('not-aws');
    expect(classifyError({ name: 'TypeError', message: 'Invalid URL', code: 'ERR_INVALID_URL' })?.kind).toBe('endpoint-invalid');
    expect(classifyError({ name: 'Error', message: 'Region not accepted: region="us east 1" is not a valid hostname component.' })?.kind).toBe('region-invalid');
  });

  it('finds a captured error anywhere in a snapshot, under the key of its call', () => {
    const snapshot = { region: 'ap-northeast-1', calls: { 'ecs:DescribeServices': [{ ok: 1 }, { $error: { name: 'AccessDeniedException', message: 'denied' } }] } };
    expect(findCouldNotLook(snapshot)).toMatchObject({ kind: 'access-denied', where: 'ecs:DescribeServices', action: 'ecs:DescribeServices' });
    expect(findCouldNotLook({ repo: { $error: { name: 'RepositoryNotFoundException', message: 'x' } } })).toBeUndefined();
  });
});

describe('error results', () => {
  const kinds: CouldNotLookKind[] = ['no-credentials', 'sso-login', 'expired-token', 'invalid-credentials', 'access-denied', 'throttled', 'network', 'region-missing', 'unreadable-response', 'aws-unavailable', 'timeout', 'docker-unreachable', 'docker-permission', 'not-aws', 'endpoint-invalid', 'region-invalid', 'observe-failed'];

  it('have texts in English and Japanese for every kind', () => {
    for (const kind of kinds) {
      const result = couldNotLookResult({ kind, error: { name: 'X', message: 'y' } }, { env: {}, region: 'ap-northeast-1' });
      for (const key of [result.summary.key, result.items[0]!.label.key, result.items[0]!.hint!.key]) {
        expect(messages.en, key).toHaveProperty([key]);
        expect(messages.ja, key).toHaveProperty([key]);
      }
    }
  });

  it('give the SSO login command for the profile named in the error', () => {
    const result = couldNotLookResult({ kind: 'sso-login', profile: 'dev', error: { name: 'CredentialsProviderError', message: 'SSO … profile=dev' } }, { env: {}, region: 'ap-northeast-1' });
    expect(result.status).toBe('error');
    expect(result.items[0]!.fix).toBe('aws sso login --profile dev');
  });

  it('show the read-only policy in full for access denied, with the refused action', () => {
    const result = couldNotLookResult({ kind: 'access-denied', action: 'ecs:DescribeServices', error: { name: 'AccessDeniedException', message: 'x' } }, { env: {}, region: 'ap-northeast-1' });
    expect(result.summary.params?.action).toBe('ecs:DescribeServices');
    expect(JSON.parse(result.items[0]!.details!)).toEqual(readOnlyPolicy);
    expect(result.items[0]!.details).toContain('elasticloadbalancing:DescribeTargetHealth');
  });
});

describe('the endpoint shown to the learner', () => {
  it('hides a user and password in AWS_ENDPOINT_URL, and keeps the rest', () => {
    expect(withoutUserInfo('http://kim:s3cret@proxy.local:8080/aws')).toBe('http://***@proxy.local:8080/aws');
    expect(withoutUserInfo('http://127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(withoutUserInfo('not a url')).toBe('not a url');
  });
});
