import { describe, expect, it } from 'vitest';
import { item, judgeFixture, problems, render } from '../../tests/harness/judge-fixtures.ts';
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

  it('says for how long the stack has been creating and what it waits for', () => {
    const result = judgeFixture(check, 'creating-for-4-minutes.fixture');
    expect(result.status).toBe('pending');
    const stack = item(result, 'stack');
    expect(stack.actual).toBe('CREATE_IN_PROGRESS (4 min)');
    expect(render(stack.hint)).toBe('CloudFormation has been creating the stack for 4 min (the load balancer and the service usually take 3 to 6). Latest event: LoadBalancer (AWS::ElasticLoadBalancingV2::LoadBalancer) CREATE_IN_PROGRESS: Resource creation Initiated.');
    expect(render(stack.hint, 'ja')).toContain('4 分');
  });

  it('past 15 minutes names the likely cause, a service that never gets healthy, and what to do', () => {
    const stack = item(judgeFixture(check, 'creating-for-40-minutes.fixture'), 'stack');
    expect(stack.status).toBe('pending');
    expect(stack.hint?.key).toBe('cloudformation.stack-complete.stack.creating-long');
    const text = render(stack.hint);
    expect(text).toContain('for 40 min');
    expect(text).toContain('Service (AWS::ECS::Service) CREATE_IN_PROGRESS: Eventual consistency check initiated');
    expect(text).toMatch(/never become healthy.*circuit breaker.*delete the stack and deploy again/s);
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
