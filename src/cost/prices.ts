/**
 * On-demand prices of what this course runs, per region, in US dollars.
 *
 * Taken by hand from AWS's public price pages on the date below (AWS Fargate pricing, Elastic Load
 * Balancing pricing, Amazon VPC pricing for public IPv4 and NAT gateways, Amazon ECR pricing,
 * Amazon CloudWatch pricing), Linux/x86 Fargate, no free tier, no Savings Plans. They were not
 * fetched by a program: AWS changes prices, so re-check every figure against those pages and move
 * `asOf` when you do. The cost panel says these are estimates and names the date.
 */
import { z } from 'zod';

export const RegionPrices = z
  .object({
    fargateVcpuHour: z.number().positive().describe('Fargate, per vCPU per hour (Linux/x86).'),
    fargateGbHour: z.number().positive().describe('Fargate, per GB of memory per hour.'),
    albHour: z.number().positive().describe('Application Load Balancer, per hour it exists.'),
    albLcuHour: z.number().positive().describe('Application Load Balancer, per LCU-hour.'),
    publicIpv4Hour: z.number().positive().describe('Each public IPv4 address, per hour (in use or idle).'),
    natGatewayHour: z.number().positive().describe('NAT gateway, per hour it exists (data processed is extra).'),
    ecrStorageGbMonth: z.number().positive().describe('ECR private repository storage, per GB-month.'),
    logsIngestGb: z.number().positive().describe('CloudWatch Logs ingestion, per GB (standard class).'),
    logsStorageGbMonth: z.number().positive().describe('CloudWatch Logs storage, per GB-month (compressed).'),
  })
  .describe('The on-demand prices of one region, US dollars.');
export type RegionPrices = z.infer<typeof RegionPrices>;

export const priceTable = {
  asOf: '2026-11-28',
  source: 'https://aws.amazon.com/fargate/pricing/, https://aws.amazon.com/elasticloadbalancing/pricing/, https://aws.amazon.com/vpc/pricing/, https://aws.amazon.com/ecr/pricing/, https://aws.amazon.com/cloudwatch/pricing/',
  /**
   * An idle load balancer consumes a fraction of one LCU; the panel counts one LCU-hour per hour,
   * enough for a learner's own requests, so the estimate errs high rather than low.
   */
  assumedLcuPerHour: 1,
  /** Hours in AWS's billing month, for prices per GB-month. */
  hoursPerMonth: 730,
  regions: {
    'us-east-1': {
      fargateVcpuHour: 0.04048,
      fargateGbHour: 0.004445,
      albHour: 0.0225,
      albLcuHour: 0.008,
      publicIpv4Hour: 0.005,
      natGatewayHour: 0.045,
      ecrStorageGbMonth: 0.1,
      logsIngestGb: 0.5,
      logsStorageGbMonth: 0.03,
    },
    'ap-northeast-1': {
      fargateVcpuHour: 0.05056,
      fargateGbHour: 0.00553,
      albHour: 0.0243,
      albLcuHour: 0.008,
      publicIpv4Hour: 0.005,
      natGatewayHour: 0.062,
      ecrStorageGbMonth: 0.1,
      logsIngestGb: 0.76,
      logsStorageGbMonth: 0.033,
    },
  } satisfies Record<string, RegionPrices>,
} as const;

export function pricesFor(region: string): RegionPrices | undefined {
  return (priceTable.regions as Record<string, RegionPrices>)[region];
}
