/**
 * The per-workshop network of learner sandboxes, and the firewall that keeps them apart. Docker has
 * no NetworkPolicy, so the rules are the host's iptables, tagged with a comment naming the workshop
 * so they are removed with it:
 *
 * - sandbox to sandbox: the bridge has inter-container communication off (Docker's own DROP), and a
 *   DOCKER-USER rule drops bridge-to-bridge forwarding as well;
 * - sandbox to the host (the workbook server and every other host service, on any host address):
 *   INPUT drops everything arriving from the bridge. A sandbox's 127.0.0.1 is its own loopback, so
 *   the host's loopback services are out of reach already; this also closes the gateway address;
 * - sandbox to the cloud metadata service (169.254.169.254, and link-local as a whole): DOCKER-USER
 *   drops it before it is routed out.
 *
 * Everything else (the internet: AWS, package mirrors, registries) stays reachable: learners need it.
 * The server must run as root on the Docker host for the rules (the workshop host is disposable).
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import type Docker from 'dockerode';

export const workshopLabel = 'ecs-workbook.workshop';

export function networkName(workshop: string): string {
  return `ecsw-${workshop}`;
}

/** Linux caps interface names at 15 characters, so the bridge is named by a hash of the workshop. */
export function bridgeName(workshop: string): string {
  return `ecsw${createHash('sha256').update(workshop).digest('hex').slice(0, 10)}`;
}

function iptables(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('iptables', ['-w', ...args], (error, stdout, stderr) =>
      error ? reject(new Error(`iptables ${args.join(' ')} failed: ${stderr.trim() || error.message}. The workshop server must run as root on the Docker host, with iptables installed.`)) : resolve(stdout),
    ),
  );
}

function rules(workshop: string): string[][] {
  const bridge = bridgeName(workshop);
  const tag = ['-m', 'comment', '--comment', `ecs-workbook:${workshop}`];
  return [
    ['INPUT', '-i', bridge, ...tag, '-j', 'DROP'],
    ['DOCKER-USER', '-i', bridge, '-o', bridge, ...tag, '-j', 'DROP'],
    ['DOCKER-USER', '-i', bridge, '-d', '169.254.0.0/16', ...tag, '-j', 'DROP'],
  ];
}

/** Creates the network (or finds it) and puts the firewall rules in place once. */
export async function ensureWorkshopNetwork(docker: Docker, workshop: string): Promise<string> {
  const name = networkName(workshop);
  const existing = await docker.listNetworks({ filters: { name: [name] } });
  if (!existing.some((network) => network.Name === name)) {
    await docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: { [workshopLabel]: workshop },
      Options: { 'com.docker.network.bridge.enable_icc': 'false', 'com.docker.network.bridge.name': bridgeName(workshop) },
    }).catch((error: { statusCode?: number }) => {
      // Another server process created it in the meantime: that one is as good.
      if (error.statusCode !== 409) throw error;
    });
  }
  for (const [chain, ...rest] of rules(workshop)) {
    const present = await iptables(['-C', chain!, ...rest]).then(() => true, () => false);
    if (!present) await iptables(['-I', chain!, '1', ...rest]);
  }
  return name;
}

/** Removes the firewall rules and the network (once no container is attached). */
export async function removeWorkshopNetwork(docker: Docker, workshop: string): Promise<void> {
  for (const [chain, ...rest] of rules(workshop)) {
    while (await iptables(['-D', chain!, ...rest]).then(() => true, () => false));
  }
  const networks = await docker.listNetworks({ filters: { label: [`${workshopLabel}=${workshop}`] } });
  for (const network of networks) await docker.getNetwork(network.Id).remove().catch(() => undefined);
}
