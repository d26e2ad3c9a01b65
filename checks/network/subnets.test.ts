/** Judges of lesson 04 on network states the fixtures pin down: dead routes, detached gateways, one AZ, reused groups. */
import { describe, expect, it } from 'vitest';
import { item, judgeFixture, render } from '../../tests/harness/judge-fixtures.ts';
import subnets from './subnets.ts';

describe('network/subnets', () => {
  it('fails subnets in one AZ, naming lesson 08, and creates the public subnet in a second AZ', () => {
    const result = judgeFixture(subnets, 'one-az-only.fixture');
    expect(result.status).toBe('fail');
    const azs = item(result, 'two-azs');
    expect(azs).toMatchObject({ status: 'fail', actual: 'ap-northeast-1a' });
    expect(azs.hint?.key).toBe('network.subnets.one-az.hint');
    expect(render(azs.hint)).toContain('lesson 08');
    expect(azs.fix).toBe("aws ec2 create-subnet --region ap-northeast-1 --vpc-id vpc-0a1b2c3d4e5f60718 --availability-zone $(aws ec2 describe-availability-zones --region ap-northeast-1 --filters Name=state,Values=available --query 'AvailabilityZones[?ZoneName!=`ap-northeast-1a`] | [0].ZoneName' --output text) --cidr-block 10.0.3.0/24 --tag-specifications 'ResourceType=subnet,Tags=[{Key=Name,Value=ecs-handson-vpc-public-c},{Key=workbook:lesson,Value=network}]'");
  });
});
