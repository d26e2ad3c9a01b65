import { describe, expect, it } from 'vitest';
import { item, judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';
import check from './stack-complete.ts';

describe('cloudformation/stack-complete judge', () => {
  it('passes a complete stack whose service runs, is healthy and answers', () => {
    const result = judgeFixture(check, 'complete-and-serving.fixture');
    expect(result.status).toBe('pass');
    expect(result.items.map((i) => i.id)).toContain('service:http');
  });

  it('applies the service checks to the stack: target timeouts fail it', () => {
    const result = judgeFixture(check, 'complete-but-targets-time-out.fixture');
    expect(result.status).toBe('fail');
    expect(item(result, 'service:target:10.0.1.10:3000').hint?.key).toBe('service.healthy-targets.reason.timeout');
  });

  it('is pending while the stack is being created', () => {
    expect(problems(judgeFixture(check, 'creating'))).toEqual(['stack pending cloudformation.stack-complete.stack.in-progress']);
  });

  it('names the first resource that failed in a rolled-back stack and how to start over', () => {
    const stack = item(judgeFixture(check, 'rolled-back.fixture'), 'stack');
    expect(stack.hint?.key).toBe('cloudformation.stack-complete.stack.failed-resource');
    expect(stack.hint?.params?.resource).toBe('LogGroup (AWS::Logs::LogGroup)');
    expect(stack.fix).toBe('aws cloudformation delete-stack --region ap-northeast-1 --stack-name ecs-handson-cluster-stack && aws cloudformation wait stack-delete-complete --region ap-northeast-1 --stack-name ecs-handson-cluster-stack');
  });

  it('gives the deploy command when there is no stack', () => {
    expect(item(judgeFixture(check, 'no-stack'), 'stack').fix).toMatch(/^VPC_ID=\$\(aws ec2 describe-vpcs [^\n]+\n(PUBLIC_A|PUBLIC_C|IMAGE_URI)=[^\n]+\n(PUBLIC_A|PUBLIC_C|IMAGE_URI)=[^\n]+\n(PUBLIC_A|PUBLIC_C|IMAGE_URI)=[^\n]+\naws cloudformation deploy --region ap-northeast-1 --stack-name ecs-handson-cluster-stack --template-file ecs-service.yaml --capabilities CAPABILITY_IAM --parameter-overrides VpcId=\$VPC_ID /);
  });
});
