import { describe, expect, it } from 'vitest';
import { item, judgeFixture, problems } from '../../tests/harness/judge-fixtures.ts';
import check from './running.ts';

// The lesson's variables are set from the names first: the fix works in a fresh terminal.
const runTask = [
  "VPC_ID=$(aws ec2 describe-vpcs --region ap-northeast-1 --filters Name=tag:Name,Values=ecs-handson-vpc --query 'Vpcs[0].VpcId' --output text)",
  "PUBLIC_A=$(aws ec2 describe-subnets --region ap-northeast-1 --filters Name=vpc-id,Values=$VPC_ID Name=tag:Name,Values=ecs-handson-vpc-public-a --query 'Subnets[0].SubnetId' --output text)",
  "STANDALONE_SG=$(aws ec2 describe-security-groups --region ap-northeast-1 --filters Name=vpc-id,Values=$VPC_ID Name=group-name,Values=ecs-handson-vpc-standalone-sg --query 'SecurityGroups[0].GroupId' --output text)",
  'aws ecs run-task --region ap-northeast-1 --cluster ecs-handson-cluster --task-definition ecs-handson-task --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$PUBLIC_A],securityGroups=[$STANDALONE_SG],assignPublicIp=ENABLED}"',
].join('\n');
// Built for amd64, tagged with the ECR URI and pushed in one go, so the next task pulls the new image.
const rebuild = "docker buildx build --platform linux/amd64 -t $(aws ecr describe-repositories --region ap-northeast-1 --repository-names ecs-handson-app --query 'repositories[0].repositoryUri' --output text):latest --push .";

describe('standalone-task/running judge', () => {
  it('passes a RUNNING task with a public IP that answers HTTP 200', () => {
    const result = judgeFixture(check, 'running-and-answering.fixture');
    expect(result.status).toBe('pass');
    expect(item(result, 'public-ip').actual).toBe('203.0.113.10');
    expect(item(result, 'http').label.params?.url).toBe('http://203.0.113.10:3000/');
  });

  it('is pending while the task is still PENDING', () => {
    const result = judgeFixture(check, 'starting.fixture');
    expect(result.status).toBe('pending');
    expect(problems(result)).toEqual(['task pending standalone-task.running.task.starting']);
  });

  it('asks for assignPublicIp=ENABLED when the task has no public IP', () => {
    const ip = item(judgeFixture(check, 'no-public-ip'), 'public-ip');
    expect(ip.hint?.key).toBe('standalone-task.running.public-ip.hint');
    expect(ip.fix).toBe(`aws ecs stop-task --region ap-northeast-1 --cluster ecs-handson-cluster --task a1b2c3d4e5f60718293a4b5c6d7e8f90 && ${runTask}`);
  });

  it('explains a port that does not answer', () => {
    const http = item(judgeFixture(check, 'port-closed.fixture'), 'http');
    expect([http.status, http.actual, http.hint?.key]).toEqual(['fail', 'ETIMEDOUT', 'standalone-task.running.http.unreachable']);
  });

  it('gives the run-task command when no task was started', () => {
    const task = item(judgeFixture(check, 'never-run'), 'task');
    expect([task.hint?.key, task.fix]).toEqual(['standalone-task.running.task.none', runTask]);
  });

  it('asks to create a missing cluster', () => {
    expect(item(judgeFixture(check, 'cluster-missing'), 'cluster').fix).toBe('aws ecs create-cluster --region ap-northeast-1 --cluster-name ecs-handson-cluster');
  });

  const reasons: [string, string, string | undefined][] = [
    ['no-route-to-ecr.fixture', 'no-route-to-ecr', runTask],
    ['registry-auth.fixture', 'registry-auth', 'aws iam attach-role-policy --role-name ecsTaskExecutionRole --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
    ['arm64-manifest.fixture', 'arm64-manifest', rebuild],
    ['image-not-found.fixture', 'image-not-found', undefined],
    ['logger-args.fixture', 'logger-args', 'aws logs create-log-group --region ap-northeast-1 --log-group-name /ecs/ecs-handson-task'],
    ['app-exited.fixture', 'app-exited', 'aws logs tail --region ap-northeast-1 /ecs/ecs-handson-task --since 30m'],
    ['exec-format-error.fixture', 'exec-format', rebuild],
  ];
  it.each(reasons)('explains a task that stopped with %s', (name, cause, fix) => {
    const result = judgeFixture(check, name);
    expect(result.status).toBe('fail');
    const task = item(result, 'task');
    expect(task.hint?.key).toBe(`standalone-task.stop.${cause}`);
    expect(task.fix).toBe(fix);
    expect(task.actual).toMatch(/^STOPPED: /);
  });
});

describe('standalone-task/running: found in another region', () => {
  it('says where it is, and keeps the fix for the workbook region', () => {
    const result = judgeFixture(check, 'cluster-in-other-region');
    expect(result.status).toBe('fail');
    expect(item(result, 'cluster')).toMatchObject({
      actual: 'not in ap-northeast-1; found in us-east-1',
      hint: { key: 'standalone-task.common.other-region', params: { name: 'ecs-handson-cluster', regions: 'us-east-1', region: 'ap-northeast-1' } },
    });
  });
});
