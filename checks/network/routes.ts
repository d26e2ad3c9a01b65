/**
 * network/routes: at least two subnets in different AZs are public, meaning their route table (explicit,
 * else the main one) sends 0.0.0.0/0 to an internet gateway attached to the VPC. Diagnoses a subnet left
 * on the main table, a blackhole route (gateway detached or deleted), and a main table open to the internet.
 */
import { defineCheck, isCaptured, type CheckItem, type CheckResult } from '#check-kit';
import { chosenVpc, couldNotRead, defaultRoute, describeSubnet, intendedRole, routeTableFor, withoutVpc } from './network-facts.ts';
import { observeNetwork, type NetworkSnapshot } from './observe-network.ts';
import { found } from '#check-kit';

export default defineCheck<NetworkSnapshot>({
  id: 'network/routes',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ec2 describe-route-tables --region {{region}} --filters Name=vpc-id,Values=$(aws ec2 describe-vpcs --region {{region}} --filters Name=tag:Name,Values={{vpcName}} --query 'Vpcs[0].VpcId' --output text) --query 'RouteTables[].[RouteTableId,Associations[].SubnetId|join(`,`,@),Routes[?DestinationCidrBlock==`0.0.0.0/0`]|[0].GatewayId]' --output table",
  ],
  observe: (ctx) => observeNetwork(ctx, ['routes']),
  judge(snapshot, vars): CheckResult {
    const missing = withoutVpc(snapshot, vars, 'routes');
    if (missing) return missing;
    const vpc = chosenVpc(snapshot)!;
    const parts = [[snapshot.subnets, 'ec2:DescribeSubnets'], [snapshot.routeTables, 'ec2:DescribeRouteTables'], [snapshot.gateways, 'ec2:DescribeInternetGateways']] as const;
    for (const [part, where] of parts) {
      if (!part || isCaptured(part)) return couldNotRead(snapshot, part, where);
    }
    const subnets = snapshot.subnets as Exclude<NetworkSnapshot['subnets'], undefined | { $error: unknown }>;
    const tables = snapshot.routeTables as Exclude<NetworkSnapshot['routeTables'], undefined | { $error: unknown }>;
    const gateways = snapshot.gateways as Exclude<NetworkSnapshot['gateways'], undefined | { $error: unknown }>;
    const region = snapshot.region;
    const attachedIds = gateways.filter((gateway) => gateway.Attachments.some((attachment) => attachment.VpcId === vpc.VpcId)).map((gateway) => gateway.InternetGatewayId);
    // No <placeholder> next to a Run button: with no gateway attached, the fix looks it up itself
    // (the internet-gateway step attaches one first, and the lookup then finds it).
    const igw = attachedIds[0] ?? `$(aws ec2 describe-internet-gateways --region ${region} --filters Name=attachment.vpc-id,Values=${vpc.VpcId} --query 'InternetGateways[0].InternetGatewayId' --output text)`;

    const kinds = new Map(subnets.map((subnet) => [subnet.SubnetId, defaultRoute(routeTableFor(subnet.SubnetId, tables), attachedIds)]));
    const publicSubnets = subnets.filter((subnet) => kinds.get(subnet.SubnetId) === 'public');
    const publicAzs = [...new Set(publicSubnets.map((subnet) => subnet.AvailabilityZone))].sort();
    const enough = publicAzs.length >= 2;
    const items: CheckItem[] = [{
      id: 'public-two-azs', status: enough ? 'pass' : 'fail', label: { key: 'network.routes.public-two-azs.label' },
      actual: publicSubnets.length ? publicSubnets.map(describeSubnet).join('; ') : { key: 'value.no-public-subnets' },
      ...(!enough && { expected: { key: 'value.public-subnets-two-azs' }, hint: { key: igw ? 'network.routes.public-two-azs.hint' : 'network.routes.no-gateway' } }),
    }];
    const publicTable = tables.find((table) => defaultRoute(table, attachedIds) === 'public' && !table.Main)
      ?? tables.find((table) => !table.Main && (table.Name ?? '').toLowerCase().includes('public'));

    // Every subnet meant to be public but not routed so gets its own item, with the command that routes it.
    for (const subnet of subnets.filter((entry) => intendedRole(entry) === 'public' && kinds.get(entry.SubnetId) !== 'public')) {
      const table = routeTableFor(subnet.SubnetId, tables);
      const explicit = tables.find((entry) => entry.SubnetIds.includes(subnet.SubnetId));
      const kind = kinds.get(subnet.SubnetId);
      let hint: string;
      let fix: string;
      if (kind === 'blackhole' && table) {
        hint = 'network.routes.blackhole';
        fix = `aws ec2 replace-route --region ${region} --route-table-id ${table.RouteTableId} --destination-cidr-block 0.0.0.0/0 --gateway-id ${igw}`;
      } else if (!explicit && publicTable) {
        hint = 'network.routes.main-table';
        fix = `aws ec2 associate-route-table --region ${region} --route-table-id ${publicTable.RouteTableId} --subnet-id ${subnet.SubnetId}`;
      } else if (explicit && publicTable && explicit.RouteTableId !== publicTable.RouteTableId) {
        hint = 'network.routes.wrong-table';
        const association = explicit.Associations.find((entry) => entry.SubnetId === subnet.SubnetId)!;
        fix = `aws ec2 replace-route-table-association --region ${region} --association-id ${association.AssociationId} --route-table-id ${publicTable.RouteTableId}`;
      } else {
        hint = 'network.routes.no-default-route';
        const target = (publicTable ?? explicit ?? table)?.RouteTableId;
        fix = target
          ? `aws ec2 create-route --region ${region} --route-table-id ${target} --destination-cidr-block 0.0.0.0/0 --gateway-id ${igw}`
          : `RT=$(aws ec2 create-route-table --region ${region} --vpc-id ${vpc.VpcId} --query RouteTable.RouteTableId --output text) && aws ec2 create-route --region ${region} --route-table-id $RT --destination-cidr-block 0.0.0.0/0 --gateway-id ${igw} && aws ec2 associate-route-table --region ${region} --route-table-id $RT --subnet-id ${subnet.SubnetId}`;
      }
      items.push({
        id: `route-${subnet.SubnetId}`, status: enough ? 'warn' : 'fail', label: { key: 'network.routes.subnet.label', params: { subnet: subnet.Name ?? subnet.SubnetId } },
        expected: '0.0.0.0/0 → igw (active)', actual: `${table?.RouteTableId ?? 'no table'}${table?.Main ? ' (main)' : ''}: ${kind}`,
        hint: { key: hint, params: { subnet: subnet.Name ?? subnet.SubnetId, table: table?.RouteTableId ?? '' } }, fix,
      });
    }
    // Blackhole routes anywhere else still deserve a word.
    for (const table of tables.filter((entry) => entry.Routes.some((route) => route.State === 'blackhole'))) {
      if (items.some((item) => item.hint?.key === 'network.routes.blackhole' && typeof item.actual === 'string' && item.actual.startsWith(table.RouteTableId))) continue;
      items.push({
        id: `blackhole-${table.RouteTableId}`, status: 'warn', label: { key: 'network.routes.blackhole.label', params: { table: table.RouteTableId } },
        actual: 'blackhole', hint: { key: 'network.routes.blackhole', params: { table: table.RouteTableId, subnet: '' } },
        fix: `aws ec2 replace-route --region ${region} --route-table-id ${table.RouteTableId} --destination-cidr-block 0.0.0.0/0 --gateway-id ${igw}`,
      });
    }
    const main = tables.find((table) => table.Main);
    if (main && defaultRoute(main, attachedIds) === 'public') {
      items.push({ id: 'main-table', status: 'warn', label: { key: 'network.routes.main-table.label' }, actual: `${main.RouteTableId}: 0.0.0.0/0 → ${igw}`, hint: { key: 'network.routes.main-table.open' } });
    }
    const failed = items.some((item) => item.status === 'fail');
    return {
      status: failed ? 'fail' : 'pass',
      summary: { key: failed ? 'network.routes.fail' : 'network.routes.pass', params: { count: publicSubnets.length, azs: publicAzs.join(', ') } },
      items,
      resources: tables.flatMap((table) => found('route-table', region, table.RouteTableId, { name: table.Name, presence: failed ? 'exists' : defaultRoute(table, attachedIds) === 'public' ? 'healthy' : 'exists' })),
    };
  },
});
