/**
 * dockerfile/image-built: the image tagged with the learner's repository name exists, exposes 3000,
 * and is linux/amd64 (Fargate's default). An arm64 image (Apple Silicon) is a warning now: on ECS
 * it would stop with `exec format error` (lesson 07).
 */
import { captureDocker, couldNotLookAt, defineCheck, isCaptured, nearMiss, shellQuote, type CheckItem, type CheckResult, type Observed } from '#check-kit';
import { found, missingResource } from '#check-kit';

export interface ImageFacts {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Architecture: string;
  Os: string;
  Created: string;
  ExposedPorts: string[];
}

export interface ImageBuiltSnapshot {
  image: string;
  inspected: Observed<ImageFacts>;
  /** Tags of every local image, to suggest a near miss when ours is missing. */
  otherTags: string[];
}

export function buildCommand(vars: { workspace: string; repository: string }): string {
  return `cd ${shellQuote(vars.workspace)} && docker build -t ${vars.repository} .`;
}

export async function inspectImage(docker: import('dockerode'), name: string): Promise<Observed<ImageFacts>> {
  const inspected = await captureDocker(docker.getImage(name).inspect());
  if (isCaptured(inspected)) return inspected;
  return {
    Id: inspected.Id,
    RepoTags: inspected.RepoTags ?? [],
    RepoDigests: inspected.RepoDigests ?? [],
    Architecture: inspected.Architecture,
    Os: inspected.Os,
    Created: inspected.Created,
    ExposedPorts: Object.keys(inspected.Config?.ExposedPorts ?? {}),
  };
}

export default defineCheck<ImageBuiltSnapshot>({
  id: 'dockerfile/image-built',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "docker image ls {{repository}}",
    "docker image inspect {{repository}} --format '{{.Architecture}} {{json .Config.ExposedPorts}}'",
  ],
  async observe(ctx) {
    const image = `${ctx.vars.repository}:latest`;
    const inspected = await inspectImage(ctx.docker, image);
    let otherTags: string[] = [];
    if (isCaptured(inspected) && inspected.$error.name === 'NotFound') {
      const images = await captureDocker(ctx.docker.listImages());
      if (!isCaptured(images)) otherTags = images.flatMap((listed) => listed.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
    }
    return { image, inspected, otherTags };
  },
  judge(snapshot, vars): CheckResult {
    const { inspected } = snapshot;
    if (isCaptured(inspected)) {
      if (inspected.$error.name !== 'NotFound') return couldNotLookAt('docker:inspectImage', inspected.$error);
      const sameRepository = snapshot.otherTags.find((tag) => tag.startsWith(`${vars.repository}:`));
      const similar = sameRepository ?? nearMiss(snapshot.image, snapshot.otherTags) ?? nearMiss(vars.repository, snapshot.otherTags.map((tag) => tag.split(':')[0]!));
      return {
        status: 'fail',
        summary: { key: 'dockerfile.image-built.missing', params: { image: snapshot.image } },
        items: [{
          id: 'exists', status: 'fail', label: { key: 'dockerfile.image-built.exists.label', params: { image: snapshot.image } },
          expected: snapshot.image, actual: similar ?? { key: 'value.no-such-image' },
          hint: similar ? { key: 'dockerfile.image-built.exists.near-miss', params: { found: similar, image: snapshot.image } } : { key: 'dockerfile.image-built.exists.hint' },
          fix: similar ? `docker tag ${similar} ${snapshot.image}` : buildCommand(vars),
        }],
        resources: missingResource('local-image', 'local', snapshot.image),
      };
    }
    const items: CheckItem[] = [
      { id: 'exists', status: 'pass', label: { key: 'dockerfile.image-built.exists.label', params: { image: snapshot.image } }, actual: inspected.Id.slice(7, 19) },
    ];
    const exposes = inspected.ExposedPorts.includes('3000/tcp');
    items.push({
      id: 'exposed-port', status: exposes ? 'pass' : 'fail', label: { key: 'dockerfile.image-built.exposed-port.label' },
      ...(!exposes && {
        expected: '3000/tcp', actual: inspected.ExposedPorts.join(', ') || { key: 'value.none' },
        hint: { key: 'dockerfile.image-built.exposed-port.hint' }, fix: buildCommand(vars),
      }),
    });
    const platform = `${inspected.Os}/${inspected.Architecture}`;
    const amd64 = platform === 'linux/amd64';
    items.push({
      id: 'architecture', status: amd64 ? 'pass' : 'warn', label: { key: 'dockerfile.image-built.architecture.label' }, actual: platform,
      ...(!amd64 && {
        expected: 'linux/amd64', hint: { key: 'dockerfile.image-built.architecture.hint', params: { platform } },
        fix: `cd ${shellQuote(vars.workspace)} && docker buildx build --platform linux/amd64 -t ${vars.repository} --load .`,
      }),
    });
    const failed = items.some((item) => item.status === 'fail');
    return {
      status: failed ? 'fail' : 'pass',
      summary: { key: failed ? 'dockerfile.image-built.fail' : 'dockerfile.image-built.pass', params: { image: snapshot.image, platform } },
      items,
      resources: found('local-image', 'local', inspected.Id, { name: snapshot.image, presence: failed ? 'exists' : 'healthy', state: platform }),
    };
  },
});
