import { describe, expect, it } from 'vitest';
import { item, judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';
import check from './running.ts';

describe('service/running judge', () => {
  it('passes a steady service: one COMPLETED deployment, running == desired, target group attached', () => {
    const result = judgeFixture(check, 'steady.fixture');
    expect(result.status).toBe('pass');
    expect(problems(result)).toEqual([]);
  });

  it('is pending during a rolling deployment', () => {
    const result = judgeFixture(check, 'rolling-deployment.fixture');
    expect(result.status).toBe('pending');
    expect(problems(result)).toEqual([
      'deployment pending service.running.deployment.in-progress',
      'counts pending service.running.counts.starting',
    ]);
  });

  it('is pending for a service just created, and only warns about a missing grace period', () => {
    const result = judgeFixture(check, 'just-created');
    expect(result.status).toBe('pending');
    expect(item(result, 'grace-period').fix).toBe('aws ecs update-service --region ap-northeast-1 --cluster ecs-handson-cluster --service ecs-fargate-service --health-check-grace-period-seconds 30');
  });

  it('explains a circuit-breaker failure by the stopped task: no route to ECR', () => {
    const result = judgeFixture(check, 'circuit-breaker-no-route.fixture');
    expect(result.status).toBe('fail');
    expect(item(result, 'deployment').hint?.key).toBe('service.running.deployment.failed');
    const stopped = item(result, 'stopped-task');
    expect(stopped.hint?.key).toBe('standalone-task.stop.no-route-to-ecr');
    expect(stopped.fix).toContain('assignPublicIp=ENABLED}" --force-new-deployment');
  });

  it('fails a rollout whose tasks cannot pull the image', () => {
    const result = judgeFixture(check, 'tasks-failing-image-not-found.fixture');
    expect(result.status).toBe('fail');
    expect(item(result, 'stopped-task').hint?.key).toBe('standalone-task.stop.image-not-found');
  });

  it('explains tasks the service stopped for failing ELB health checks', () => {
    expect(item(judgeFixture(check, 'health-check-loop.fixture'), 'stopped-task').hint?.key).toBe('standalone-task.stop.health-checks');
  });

  it('gives the create-service command when the service is missing', () => {
    const service = item(judgeFixture(check, 'service-missing'), 'service');
    // Run from a fresh terminal, the lesson's variables are unset: the fix sets them from the names first.
    const lines = service.fix!.split('\n');
    expect(lines.slice(0, -1).map((line) => line.split('=')[0])).toEqual(['VPC_ID', 'PUBLIC_A', 'PUBLIC_C', 'TASK_SG', 'TG_ARN']);
    expect(lines[0]).toContain('Name=tag:Name,Values=ecs-handson-vpc');
    expect(lines.at(-1)).toBe(`aws ecs create-service --region ap-northeast-1 --cluster ecs-handson-cluster --service-name ecs-fargate-service --task-definition ecs-handson-task --desired-count 2 --launch-type FARGATE --health-check-grace-period-seconds 30 --network-configuration "awsvpcConfiguration={subnets=[$PUBLIC_A,$PUBLIC_C],securityGroups=[$TASK_SG],assignPublicIp=ENABLED}" --load-balancers targetGroupArn=$TG_ARN,containerName=app,containerPort=3000 --deployment-configuration 'deploymentCircuitBreaker={enable=true,rollback=true}'`);
  });

  it('asks to attach the target group when the service has no load balancer', () => {
    expect(item(judgeFixture(check, 'no-load-balancer'), 'load-balancer').fix).toBe(
      'aws ecs update-service --region ap-northeast-1 --cluster ecs-handson-cluster --service ecs-fargate-service --load-balancers targetGroupArn=arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/ecs-fargate-tg/73e2d6bc24d8a067,containerName=app,containerPort=3000');
  });

  it('warns that the service still runs an older revision', () => {
    const result = judgeFixture(check, 'old-revision.fixture');
    expect(result.status).toBe('pass');
    expect(item(result, 'revision').fix).toBe('aws ecs update-service --region ap-northeast-1 --cluster ecs-handson-cluster --service ecs-fargate-service --task-definition ecs-handson-task:2');
  });
});

describe('service/running: found in another region', () => {
  it('says where it is, and keeps the fix for the workbook region', () => {
    const result = judgeFixture(check, 'service-in-other-region');
    expect(result.status).toBe('fail');
    expect(item(result, 'service')).toMatchObject({
      actual: 'not in ap-northeast-1; found in us-east-1',
      hint: { key: 'service.common.other-region', params: { name: 'ecs-fargate-service', regions: 'us-east-1', region: 'ap-northeast-1' } },
    });
  });
});
