/**
 * containers/first-run: a container has run on the learner's engine. A run-to-completion container
 * passes with exit code 0, a long-running one while it runs. AWS cannot see this: we ask the engine.
 *
 * Containers older than the lesson start do not count, so the step asks the learner to run one
 * (and a shared engine's leftovers do not pass it). The start is one recorded before this run (the
 * lesson page opened, or an earlier Check that found nothing): a learner who starts in the
 * terminal and checks from there has no start yet, and any container counts. When only older
 * containers exist, the result names the newest one and the lesson start, so it is clear why.
 */
import { captureDocker, couldNotLookAt, defineCheck, isCaptured, type CheckResult, type Observed } from '#check-kit';
import { found, missingResource } from '#check-kit';

/** The image lesson 01 runs (the same busybox the sample app builds on). */
export const firstRunImage = 'public.ecr.aws/docker/library/busybox:1.36';
export const firstRunCommand = `docker run ${firstRunImage} echo "Hello from my first container"`;

export interface ContainerSummary {
  Id: string;
  Image: string;
  State: string;
  Status: string;
  Created: number;
}

export interface FirstRunSnapshot {
  /** Since the lesson start: the newest few that succeeded and the newest few that did not. */
  containers: Observed<ContainerSummary[]>;
  /** Containers created before the lesson started do not count: the step is to run one now. */
  lessonStartedAt?: string;
  /** Those older containers, summed up so the learner can be told why they did not count. */
  earlier?: { count: number; newest: ContainerSummary };
  /** Last log lines of the newest failed container, when none succeeded. */
  failedLogs?: string;
}

const succeeded = (container: ContainerSummary) => container.State === 'running' || /^Exited \(0\)/.test(container.Status);

/** An engine can hold thousands of containers; the snapshot (kept with every attempt) need not. */
const keptPerKind = 5;

function newestOfEachKind(newestFirst: ContainerSummary[]): ContainerSummary[] {
  return [...newestFirst.filter(succeeded).slice(0, keptPerKind), ...newestFirst.filter((c) => !succeeded(c)).slice(0, keptPerKind)];
}

const createdAt = (container: ContainerSummary) => new Date(container.Created * 1000).toISOString();

export default defineCheck<FirstRunSnapshot>({
  id: 'containers/first-run',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "docker ps -a --filter ancestor=public.ecr.aws/docker/library/busybox:1.36",
  ],
  async observe(ctx) {
    const listed = await captureDocker(ctx.docker.listContainers({ all: true }));
    const since = ctx.lessonStartedAt ? Math.floor(Date.parse(ctx.lessonStartedAt) / 1000) : 0;
    let containers: Observed<ContainerSummary[]> = listed;
    let earlier: FirstRunSnapshot['earlier'];
    if (!isCaptured(listed)) {
      const newestFirst = listed.map(({ Id, Image, State, Status, Created }) => ({ Id, Image, State, Status, Created })).sort((a, b) => b.Created - a.Created);
      containers = newestOfEachKind(newestFirst.filter((entry) => entry.Created >= since));
      const older = newestFirst.filter((entry) => entry.Created < since);
      if (older.length > 0) earlier = { count: older.length, newest: older[0]! };
    }
    let failedLogs: string | undefined;
    if (!isCaptured(containers) && containers.length > 0 && !containers.some(succeeded)) {
      const newest = [...containers].sort((a, b) => b.Created - a.Created)[0]!;
      const logs = await captureDocker(ctx.docker.getContainer(newest.Id).logs({ stdout: true, stderr: true, tail: 20 }));
      if (!isCaptured(logs)) failedLogs = demuxLogs(logs as unknown as Buffer);
    }
    return { containers, ...(failedLogs !== undefined && { failedLogs }), ...(ctx.lessonStartedAt && { lessonStartedAt: ctx.lessonStartedAt }), ...(earlier && { earlier }) };
  },
  judge(snapshot): CheckResult {
    if (isCaptured(snapshot.containers)) return couldNotLookAt('docker:listContainers', snapshot.containers.$error);
    const containers = snapshot.containers;
    const good = containers.filter(succeeded).sort((a, b) => b.Created - a.Created)[0];
    const newestAny = [...containers].sort((a, b) => b.Created - a.Created)[0];
    const resources = good
      ? found('container', 'local', good.Id, { name: good.Image, state: good.Status, presence: 'healthy' })
      : newestAny ? found('container', 'local', newestAny.Id, { name: newestAny.Image, state: newestAny.Status }) : missingResource('container', 'local', firstRunImage);
    if (good) {
      return {
        status: 'pass',
        summary: { key: 'containers.first-run.pass', params: { image: good.Image } },
        items: [{ id: 'ran', status: 'pass', label: { key: 'containers.first-run.ran.label' }, actual: `${good.Image}: ${good.Status}` }],
        resources,
      };
    }
    if (containers.length === 0 && snapshot.earlier && snapshot.lessonStartedAt) {
      const { count, newest } = snapshot.earlier;
      return {
        status: 'fail',
        summary: { key: 'containers.first-run.only-earlier', params: { count } },
        items: [{
          id: 'ran', status: 'fail', label: { key: 'containers.first-run.ran.label' },
          expected: `a container created after ${snapshot.lessonStartedAt}`, actual: `${newest.Image}: ${newest.Status}, created ${createdAt(newest)}`,
          hint: { key: 'containers.first-run.only-earlier.hint', params: { count, image: newest.Image, created: createdAt(newest), started: snapshot.lessonStartedAt } },
          fix: firstRunCommand,
        }],
        resources,
      };
    }
    if (containers.length === 0) {
      return {
        status: 'fail',
        summary: { key: 'containers.first-run.none' },
        items: [{
          id: 'ran', status: 'fail', label: { key: 'containers.first-run.ran.label' },
          expected: { key: 'value.a-container-that-ran' }, actual: { key: 'value.no-containers' },
          hint: { key: 'containers.first-run.none.hint' }, fix: firstRunCommand,
        }],
        resources,
      };
    }
    const newest = [...containers].sort((a, b) => b.Created - a.Created)[0]!;
    return {
      status: 'fail',
      summary: { key: 'containers.first-run.failed' },
      items: [{
        id: 'ran', status: 'fail', label: { key: 'containers.first-run.ran.label' },
        expected: 'Exited (0) or Up', actual: `${newest.Image}: ${newest.Status}${snapshot.failedLogs ? `\n${snapshot.failedLogs}` : ''}`,
        hint: { key: 'containers.first-run.failed.hint', params: { id: newest.Id.slice(0, 12) } }, fix: firstRunCommand,
      }],
      resources,
    };
  },
});

/** The engine's log stream without a TTY interleaves 8-byte frame headers; keep only the text. */
export function demuxLogs(raw: Buffer | string): string {
  if (typeof raw === 'string') return raw.trim();
  const parts: string[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length && (raw[offset] === 1 || raw[offset] === 2) && raw[offset + 1] === 0) {
    const length = raw.readUInt32BE(offset + 4);
    parts.push(raw.subarray(offset + 8, offset + 8 + length).toString('utf8'));
    offset += 8 + length;
  }
  return (offset === 0 ? raw.toString('utf8') : parts.join('')).trim();
}
