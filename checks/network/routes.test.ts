/** Judges of lesson 04 on network states the fixtures pin down: dead routes, detached gateways, one AZ, reused groups. */
import { describe, expect, it } from 'vitest';
import { item, judgeFixture, render } from '../../tests/harness/judge-fixtures.ts';
import routes from './routes.ts';

describe('network/routes', () => {
  it('finds the blackhole route left by a deleted gateway and points it at the attached one', () => {
    const result = judgeFixture(routes, 'blackhole-route.fixture');
    expect(result.status).toBe('fail');
    expect(item(result, 'public-two-azs').status).toBe('fail');
    const subnet = item(result, 'route-subnet-0aaa000000000002');
    expect(subnet.actual).toBe('rtb-0public000000001: blackhole');
    expect(subnet.hint?.key).toBe('network.routes.blackhole');
    expect(render(subnet.hint)).toContain('rtb-0public000000001');
    expect(subnet.fix).toBe('aws ec2 replace-route --region ap-northeast-1 --route-table-id rtb-0public000000001 --destination-cidr-block 0.0.0.0/0 --gateway-id igw-0new00000000000001');
  });

  it('names the public subnet left on the main table and associates it with the public table', () => {
    const result = judgeFixture(routes, 'public-subnet-on-main-table.fixture');
    expect(result.status).toBe('fail');
    const subnet = item(result, 'route-subnet-0aaa000000000004');
    expect(subnet).toMatchObject({ status: 'fail', actual: 'rtb-0main00000000001 (main): private' });
    expect(subnet.hint?.key).toBe('network.routes.main-table');
    expect(render(subnet.hint)).toContain('ecs-handson-vpc-public-c');
    expect(subnet.fix).toBe('aws ec2 associate-route-table --region ap-northeast-1 --route-table-id rtb-0public000000001 --subnet-id subnet-0aaa000000000004');
  });
});
