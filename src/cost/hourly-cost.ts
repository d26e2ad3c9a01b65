/**
 * What the learner's resources cost per hour, line by line, and about how much so far: pure
 * functions over the resources the Checks found and the price table, in US dollars with yen from
 * the course's one exchange rate.
 */
import { usdToJpy } from '../i18n/exchange-rate.ts';
import type { FoundResource } from '../resources/resource-schema.ts';
import { priceTable, pricesFor } from './prices.ts';

export interface CostLine {
  type: FoundResource['type'];
  region: string;
  id: string;
  name?: string;
  /** What is billed, for the reader: `0.25 vCPU, 0.5 GB`, `1 h + 1 LCU`, `12.3 MB stored`. */
  basis: string;
  usdPerHour: number;
  /** False when the region is not in the price table: the line is listed without a figure. */
  priced: boolean;
}

export interface HourlyCost {
  lines: CostLine[];
  usdPerHour: number;
  jpyPerHour: number;
  /** Regions with billable resources but no prices in the table. */
  unpricedRegions: string[];
}

const gb = (bytes: number) => bytes / 1_000_000_000;
const round = (usd: number) => Math.round(usd * 1e9) / 1e9;

/** True for what AWS bills while it exists: running tasks, load balancers, addresses, gateways, storage. */
export function isBillable(resource: FoundResource): boolean {
  if (resource.presence === 'missing') return false;
  switch (resource.type) {
    case 'task':
      return !/^(STOPPED|DEPROVISIONING|DELETED)$/i.test(resource.state ?? '');
    case 'load-balancer':
    case 'public-ipv4':
    case 'nat-gateway':
      return !/^(deleted|deleting|failed)$/i.test(resource.state ?? '');
    case 'image':
    case 'log-group':
      return (resource.storedBytes ?? 0) > 0;
    default:
      return false;
  }
}

function line(resource: FoundResource): CostLine | undefined {
  if (!isBillable(resource)) return undefined;
  const prices = pricesFor(resource.region);
  const base = { type: resource.type, region: resource.region, id: resource.id, ...(resource.name && { name: resource.name }) };
  const priced = (basis: string, usd: (p: NonNullable<typeof prices>) => number): CostLine => ({ ...base, basis, usdPerHour: prices ? round(usd(prices)) : 0, priced: !!prices });
  switch (resource.type) {
    case 'task': {
      const vcpu = resource.vcpu ?? 0.25;
      const memoryGb = resource.memoryGb ?? 0.5;
      return priced(`${vcpu} vCPU, ${memoryGb} GB`, (p) => vcpu * p.fargateVcpuHour + memoryGb * p.fargateGbHour);
    }
    case 'load-balancer':
      return priced(`1 h + ${priceTable.assumedLcuPerHour} LCU`, (p) => p.albHour + priceTable.assumedLcuPerHour * p.albLcuHour);
    case 'public-ipv4':
      return priced('1 IPv4', (p) => p.publicIpv4Hour);
    case 'nat-gateway':
      return priced('1 h', (p) => p.natGatewayHour);
    case 'image':
      return priced(`${(gb(resource.storedBytes ?? 0) * 1000).toFixed(1)} MB`, (p) => (gb(resource.storedBytes ?? 0) * p.ecrStorageGbMonth) / priceTable.hoursPerMonth);
    case 'log-group':
      return priced(`${(gb(resource.storedBytes ?? 0) * 1000).toFixed(1)} MB`, (p) => (gb(resource.storedBytes ?? 0) * p.logsStorageGbMonth) / priceTable.hoursPerMonth);
    default:
      return undefined;
  }
}

export function hourlyCost(resources: readonly FoundResource[]): HourlyCost {
  const lines = resources.map(line).filter((entry): entry is CostLine => !!entry);
  const usdPerHour = round(lines.reduce((sum, entry) => sum + entry.usdPerHour, 0));
  return {
    lines,
    usdPerHour,
    jpyPerHour: usdToJpy(usdPerHour),
    unpricedRegions: [...new Set(lines.filter((entry) => !entry.priced).map((entry) => entry.region))],
  };
}

/** A resource as the store keeps it: since when a Check has seen it. */
export interface SeenResource extends FoundResource {
  /** The first time a Check saw it (ISO), or AWS's creation time when that is earlier. */
  since: string;
}

export interface CostSoFar extends HourlyCost {
  /** The earliest `since` among billable resources, if any. */
  runningSince?: string;
  usdSoFar: number;
  jpySoFar: number;
}

/** The hourly cost, and about how much the billable resources have cost since they were first seen. */
export function costSoFar(resources: readonly SeenResource[], now: Date): CostSoFar {
  const hourly = hourlyCost(resources);
  const sinceOf = new Map(resources.map((resource) => [`${resource.type} ${resource.region} ${resource.id}`, resource.since]));
  let usdSoFar = 0;
  let runningSince: string | undefined;
  for (const entry of hourly.lines) {
    const since = sinceOf.get(`${entry.type} ${entry.region} ${entry.id}`);
    if (!since) continue;
    const hours = Math.max(0, (now.getTime() - Date.parse(since)) / 3_600_000);
    usdSoFar += entry.usdPerHour * hours;
    if (!runningSince || since < runningSince) runningSince = since;
  }
  usdSoFar = Math.round(usdSoFar * 10_000) / 10_000;
  return { ...hourly, ...(runningSince && { runningSince }), usdSoFar, jpySoFar: usdToJpy(usdSoFar) };
}
