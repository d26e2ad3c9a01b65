/**
 * dockerfile/container-running: a container of the learner's image runs with host port 8081 mapped
 * to container port 3000, and http://127.0.0.1:8081/ answers. Diagnoses a crash (with its logs), a
 * wrong mapping, and an app that listens only on the container's loopback.
 */
import { captureDocker, probePublishedPort, type PortProbe } from '../../src/checks/shared/docker-observe.ts';
import { demuxLogs } from '../containers/first-run.ts';
import { defineCheck, isCaptured, type CheckItem, type CheckResult, type Observed } from '../../src/checks/check-contract.ts';
import { couldNotLookAt } from '../../src/checks/could-not-look-result.ts';
import { found, missingResource } from '#check-kit';

export const hostPort = 8081;
export const containerPort = 3000;

export interface PortMapping {
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

export interface AppContainer {
  Id: string;
  Image: string;
  State: string;
  Status: string;
  Created: number;
  Ports: PortMapping[];
}

export interface ContainerRunningSnapshot {
  image: string;
  containers: Observed<AppContainer[]>;
  /** Containers of other images that hold host port 8081. */
  portTakenBy: string[];
  /** Last log lines of the newest stopped container, when none runs. */
  logs?: string;
  probe?: PortProbe;
}

/**
 * The lesson's own command, with its `--name`: the lesson's next commands (`docker exec
 * <repo>-local …`) need that name. A stopped container of the same name is removed first, or the
 * name would be taken.
 */
export function runCommand(repository: string): string {
  return `docker rm -f ${repository}-local 2>/dev/null; docker run -d --name ${repository}-local -p ${hostPort}:${containerPort} ${repository}`;
}

/** Each mapping is listed once per address family (0.0.0.0 and ::): keep one of each. */
function uniquePorts(ports: PortMapping[]): PortMapping[] {
  const seen = new Map<string, PortMapping>();
  for (const port of ports) seen.set(`${port.PrivatePort}/${port.PublicPort ?? ''}/${port.Type}`, { PrivatePort: port.PrivatePort, ...(port.PublicPort !== undefined && { PublicPort: port.PublicPort }), Type: port.Type });
  return [...seen.values()];
}

export default defineCheck<ContainerRunningSnapshot>({
  id: 'dockerfile/container-running',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "docker ps -a --filter name={{repository}}-local",
    "docker logs --tail 20 {{repository}}-local",
    "curl -sS -i http://localhost:8081/",
  ],
  async observe(ctx) {
    const repository = ctx.vars.repository;
    const image = await captureDocker(ctx.docker.getImage(`${repository}:latest`).inspect());
    const imageId = isCaptured(image) ? undefined : image.Id;
    const listed = await captureDocker(ctx.docker.listContainers({ all: true }));
    if (isCaptured(listed)) return { image: repository, containers: listed, portTakenBy: [] };
    // A container keeps the image name it was started with; after a rebuild it shows the old id instead.
    const ours = (entry: (typeof listed)[number]) =>
      entry.Image === repository || entry.Image.startsWith(`${repository}:`) || (imageId !== undefined && entry.ImageID === imageId);
    const containers = listed.filter(ours).map(({ Id, Image, State, Status, Created, Ports }) => ({ Id, Image, State, Status, Created, Ports: uniquePorts(Ports) }));
    const portTakenBy = listed
      .filter((entry) => !ours(entry) && entry.State === 'running' && entry.Ports.some((port) => port.PublicPort === hostPort))
      .map((entry) => `${entry.Image} (${entry.Id.slice(0, 12)})`);
    const snapshot: ContainerRunningSnapshot = { image: repository, containers, portTakenBy: [...new Set(portTakenBy)] };
    const running = containers.filter((container) => container.State === 'running');
    if (running.length === 0 && containers.length > 0) {
      const newest = [...containers].sort((a, b) => b.Created - a.Created)[0]!;
      const logs = await captureDocker(ctx.docker.getContainer(newest.Id).logs({ stdout: true, stderr: true, tail: 50 }));
      if (!isCaptured(logs)) snapshot.logs = demuxLogs(logs as unknown as Buffer);
    }
    if (running.length > 0 || portTakenBy.length > 0) snapshot.probe = await probePublishedPort(ctx, hostPort);
    return snapshot;
  },
  judge(snapshot, vars): CheckResult {
    if (isCaptured(snapshot.containers)) return couldNotLookAt('docker:listContainers', snapshot.containers.$error);
    const containers = snapshot.containers;
    const running = containers.filter((container) => container.State === 'running');
    const fix = runCommand(vars.repository);
    const fail = (key: string, item: CheckItem, params: Record<string, string> = {}): CheckResult => ({
      status: 'fail', summary: { key, params: { image: snapshot.image, ...params } }, items: [item],
      resources: containers.length ? containers.flatMap((container) => found('container', 'local', container.Id, { name: container.Image, state: container.Status })) : missingResource('container', 'local', snapshot.image),
    });
    const runningLabel = { key: 'dockerfile.container-running.running.label', params: { image: snapshot.image } };

    if (running.length === 0) {
      const newest = [...containers].sort((a, b) => b.Created - a.Created)[0];
      if (!newest) {
        return fail('dockerfile.container-running.none', {
          id: 'running', status: 'fail', label: runningLabel, expected: 'Up …', actual: { key: 'value.no-container-of-image' },
          hint: { key: snapshot.portTakenBy.length ? 'dockerfile.container-running.none.port-taken' : 'dockerfile.container-running.none.hint', params: { other: snapshot.portTakenBy.join(', ') } },
          fix: snapshot.portTakenBy.length ? `docker ps --filter publish=${hostPort}` : fix,
        });
      }
      const crashed = /^Exited \((?!0\))/.test(newest.Status);
      return fail(crashed ? 'dockerfile.container-running.crashed' : 'dockerfile.container-running.stopped', {
        id: 'running', status: 'fail', label: runningLabel, expected: 'Up …',
        actual: `${newest.Status}${snapshot.logs ? `\n--- docker logs ${newest.Id.slice(0, 12)} ---\n${snapshot.logs}` : ''}`,
        hint: { key: crashed ? 'dockerfile.container-running.crashed.hint' : 'dockerfile.container-running.stopped.hint', params: { id: newest.Id.slice(0, 12) } },
        fix: crashed ? `docker logs ${newest.Id.slice(0, 12)}` : `docker start ${newest.Id.slice(0, 12)}`,
      });
    }

    const items: CheckItem[] = [{ id: 'running', status: 'pass', label: runningLabel, actual: running.map((container) => `${container.Id.slice(0, 12)} ${container.Status}`).join(', ') }];
    const mapped = running.find((container) => container.Ports.some((port) => port.PublicPort === hostPort && port.PrivatePort === containerPort));
    if (!mapped) {
      const container = running[0]!;
      const ports = container.Ports.filter((port) => port.PublicPort !== undefined).map((port) => `${port.PublicPort}->${port.PrivatePort}/${port.Type}`);
      items.push({
        id: 'port-mapping', status: 'fail', label: { key: 'dockerfile.container-running.port-mapping.label' },
        expected: `${hostPort}->${containerPort}/tcp`, actual: ports.join(', ') || 'no published ports',
        hint: { key: ports.length ? 'dockerfile.container-running.port-mapping.wrong' : 'dockerfile.container-running.port-mapping.none' },
        fix: `docker rm -f ${container.Id.slice(0, 12)} && ${fix}`,
      });
      return { status: 'fail', summary: { key: 'dockerfile.container-running.fail' }, items, resources: found('container', 'local', container.Id, { name: container.Image, state: container.Status }) };
    }
    items.push({ id: 'port-mapping', status: 'pass', label: { key: 'dockerfile.container-running.port-mapping.label' }, actual: `${hostPort}->${containerPort}/tcp` });

    const probe = snapshot.probe;
    const url = probe?.url ?? `http://127.0.0.1:${hostPort}/`;
    const answered = probe?.status !== undefined && probe.status >= 200 && probe.status < 400;
    if (!answered) {
      const refusedInside = probe?.error === 'ECONNRESET' || probe?.error === 'EMPTY_REPLY' || probe?.status === undefined;
      items.push({
        id: 'http', status: 'fail', label: { key: 'dockerfile.container-running.http.label', params: { url } },
        expected: 'HTTP 200', actual: probe?.status !== undefined ? `HTTP ${probe.status}` : probe?.error ?? { key: 'value.no-answer' },
        hint: { key: probe?.status !== undefined ? 'dockerfile.container-running.http.status' : refusedInside ? 'dockerfile.container-running.http.loopback' : 'dockerfile.container-running.http.hint' },
        fix: `docker logs ${mapped.Id.slice(0, 12)}`,
      });
      return { status: 'fail', summary: { key: 'dockerfile.container-running.fail' }, items, resources: found('container', 'local', mapped.Id, { name: mapped.Image, state: mapped.Status }) };
    }
    const version = /id="version">([^<]*)</.exec(probe.body ?? '')?.[1];
    items.push({ id: 'http', status: 'pass', label: { key: 'dockerfile.container-running.http.label', params: { url } }, actual: `HTTP ${probe.status}${version ? `, version ${version}` : ''}` });
    return { status: 'pass', summary: { key: 'dockerfile.container-running.pass', params: { url } }, items, resources: found('container', 'local', mapped.Id, { name: mapped.Image, state: mapped.Status, presence: 'healthy' }) };
  },
});
