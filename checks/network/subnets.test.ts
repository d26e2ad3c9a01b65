/** Judges of lesson 04 on network states the fixtures pin down: dead routes, detached gateways, one AZ, reused groups. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/checks/run-check.ts';
import { fixture, item, rendered } from '../../tests/harness/judge-fixtures.ts';
import { testVariables } from '../../src/settings/learner-variables.ts';
import subnets from './subnets.ts';
import type { NetworkSnapshot } from './observe-network.ts';

const vars = testVariables();

describe('network/subnets', () => {
  it('fails subnets in one AZ, naming lesson 08, and creates the public subnet in a second AZ', () => {
    const result = evaluate(subnets, fixture<NetworkSnapshot>('network', 'subnets', 'one-az-only'), vars);
    expect(result.status).toBe('fail');
    const azs = item(result, 'two-azs');
    expect(azs).toMatchObject({ status: 'fail', actual: 'ap-northeast-1a' });
    expect(azs.hint?.key).toBe('network.subnets.one-az.hint');
    expect(rendered(azs.hint)).toContain('lesson 08');
    expect(azs.fix).toBe("aws ec2 create-subnet --region ap-northeast-1 --vpc-id vpc-0a1b2c3d4e5f60718 --availability-zone ap-northeast-1c --cidr-block 10.0.3.0/24 --tag-specifications 'ResourceType=subnet,Tags=[{Key=Name,Value=ecs-handson-vpc-public-c},{Key=workbook:lesson,Value=network}]'");
  });
});
