/**
 * A loopback stand-in for the learner's load balancer, for the lesson tests against moto: moto's
 * load balancer has a DNS name (`*.elb.amazonaws.com`) that no test may resolve, and no targets.
 *
 * `http` is the probe handed to the check context. It sends a request for the learner's load
 * balancer (its DNS name as moto reports it) to a loopback server, passes loopback URLs through,
 * and refuses every other name without resolving it (recorded in `refused`, for the test to
 * assert on). The server answers as the load balancer would: the sample app's own page
 * (sandbox/app/start.sh) with the version of the image the service runs (tag `vN` → N, else 1),
 * or 503 when the service has no task definition to run.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LearnerVariables } from '../../src/checks/check-contract.ts';
import { probeHttp, type HttpProbeFunction } from '../../src/checks/http-probe.ts';

export interface AlbStub {
  http: HttpProbeFunction;
  /** URLs the checks asked for that were neither loopback nor the learner's load balancer. */
  refused: string[];
  /** URLs of the learner's load balancer the stub answered. */
  served: string[];
  close(): Promise<void>;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The page sandbox/app/start.sh writes, for a version and a host name. */
export function sampleAppPage(version: number, host: string): string {
  const script = readFileSync('sandbox/app/start.sh', 'utf8');
  const page = /<<PAGE\n([\s\S]*?)\nPAGE\n/.exec(script)?.[1];
  if (!page) throw new Error('sandbox/app/start.sh no longer writes its page with a PAGE here-document');
  return page.replaceAll('$APP_VERSION', String(version)).replaceAll('$(hostname)', host);
}

export async function startAlbStub(vars: LearnerVariables): Promise<AlbStub> {
  const ecs = new ECSClient({ region: vars.region });
  const elbv2 = new ElasticLoadBalancingV2Client({ region: vars.region });
  const served: string[] = [];
  const refused: string[] = [];

  const versionServed = async (): Promise<number | undefined> => {
    const services = await ecs.send(new DescribeServicesCommand({ cluster: vars.cluster, services: [vars.service] })).catch(() => undefined);
    const service = services?.services?.find((s) => s.status === 'ACTIVE');
    if (!service?.taskDefinition) return undefined;
    const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: service.taskDefinition }));
    const tag = taskDefinition?.containerDefinitions?.[0]?.image?.split(':').pop() ?? '';
    return Number(/^v(\d+)$/.exec(tag)?.[1] ?? 1);
  };

  const server: Server = createServer((_request, response) => {
    versionServed().then(
      (version) => {
        if (version === undefined) response.writeHead(503, { 'content-type': 'text/html' }).end('<html><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>');
        else response.writeHead(200, { 'content-type': 'text/html' }).end(sampleAppPage(version, `ip-10-0-1-${10 + (served.length % 2)}`));
      },
      (error: Error) => response.writeHead(502).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  const albDnsName = async () => {
    const found = await elbv2.send(new DescribeLoadBalancersCommand({ Names: [vars.loadBalancer] })).catch(() => undefined);
    return found?.LoadBalancers?.[0]?.DNSName?.toLowerCase();
  };

  const http: HttpProbeFunction = async (url, options) => {
    const target = new URL(url);
    if (loopbackHosts.has(target.hostname)) return probeHttp(url, options);
    if (target.hostname.toLowerCase() === (await albDnsName())) {
      served.push(url);
      const answer = await probeHttp(`http://127.0.0.1:${port}${target.pathname}${target.search}`, options);
      return { ...answer, url };
    }
    refused.push(url);
    return { url, error: { name: 'TypeError', code: 'ENOTFOUND', message: `getaddrinfo ENOTFOUND ${target.hostname} (the test resolves no name outside this machine)` } };
  };

  return {
    http,
    refused,
    served,
    close: async () => {
      ecs.destroy();
      elbv2.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
