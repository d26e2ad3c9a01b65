/** Judges of lesson 04 on network states the fixtures pin down: dead routes, detached gateways, one AZ, reused groups. */
import { describe, expect, it } from 'vitest';
import { item, judgeFixture, render } from '../../tests/harness/judge-fixtures.ts';
import internetGateway from './internet-gateway.ts';

describe('network/internet-gateway', () => {
  it('names a detached gateway and attaches it', () => {
    const result = judgeFixture(internetGateway, 'igw-detached.fixture');
    expect(result.status).toBe('fail');
    const attached = item(result, 'attached');
    expect(attached.actual).toBe('igw-0f1e2d3c4b5a69788 detached');
    expect(attached.hint?.key).toBe('network.internet-gateway.detached.hint');
    expect(render(attached.hint)).toContain('Detached');
    expect(attached.fix).toBe('aws ec2 attach-internet-gateway --region ap-northeast-1 --internet-gateway-id igw-0f1e2d3c4b5a69788 --vpc-id vpc-0a1b2c3d4e5f60718');
  });
});
