/** Judge of lesson 05 on cluster states moto does not produce: EC2-only capacity, and a deleted (INACTIVE) cluster. */
import { describe, expect, it } from 'vitest';
import { item, judgeFixture, render } from '../../tests/harness/judge-fixtures.ts';
import fargate from './fargate.ts';

describe('cluster/fargate', () => {
  it('passes an EC2-only cluster with a warning (launch type FARGATE runs there), and offers to add FARGATE, keeping the EC2 provider', () => {
    const result = judgeFixture(fargate, 'ec2-only-cluster.fixture');
    expect(result.status).toBe('pass');
    expect(result.summary.key).toBe('cluster.fargate.pass');
    expect(item(result, 'active').status).toBe('pass');
    const provider = item(result, 'fargate');
    expect(provider).toMatchObject({ status: 'warn', expected: 'FARGATE' });
    expect(provider.hint?.key).toBe('cluster.fargate.provider.ec2-only');
    expect(render(provider.hint)).toContain('launch type FARGATE');
    expect(render(provider.hint)).toContain('capacity provider strategy');
    expect(provider.fix).toBe('aws ecs put-cluster-capacity-providers --region ap-northeast-1 --cluster ecs-handson-cluster --capacity-providers FARGATE FARGATE_SPOT Infra-ECS-Cluster-ecs-handson-cluster-1a2b3c4d-AsgCapacityProvider-Xy12 --default-capacity-provider-strategy capacityProvider=FARGATE,weight=1');
  });

  it('says a deleted cluster shows as INACTIVE and creates it again', () => {
    const result = judgeFixture(fargate, 'inactive-cluster.fixture');
    expect(result.status).toBe('fail');
    expect(result.summary.key).toBe('cluster.fargate.deleted');
    const active = item(result, 'active');
    expect(active.actual).toBe('INACTIVE (deleted)');
    expect(active.hint?.key).toBe('cluster.fargate.inactive');
    expect(render(active.hint)).toContain('INACTIVE');
    expect(active.fix).toBe('aws ecs create-cluster --region ap-northeast-1 --cluster-name ecs-handson-cluster --capacity-providers FARGATE FARGATE_SPOT --default-capacity-provider-strategy capacityProvider=FARGATE,weight=1 --tags key=workbook:lesson,value=cluster');
  });
});
