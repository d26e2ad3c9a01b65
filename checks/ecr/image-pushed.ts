/**
 * ecr/image-pushed: the `latest` tag is in the repository, pushed after the lesson started (or the
 * same digest as the local build), for linux/amd64. A multi-platform index is read for its
 * platforms (attestation entries ignored); a single image's platform comes from the local build
 * when the digests match, because ECR's manifest does not carry it.
 */
import { BatchGetImageCommand, DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { capture, captureDocker, couldNotLookAt, defineCheck, isCaptured, shellQuote, type CheckItem, type CheckResult, type Observed } from '#check-kit';
import { inspectImage, type ImageFacts } from '../dockerfile/image-built.ts';
import { describeRepository, type RepositoryFacts } from './repository.ts';
import { found, missingResource } from '#check-kit';

export const expectedTag = 'latest';

const manifestTypes = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
];

export interface PushedImage {
  imageTags: string[];
  imageDigest: string;
  imagePushedAt?: string;
  imageManifestMediaType?: string;
  /** For the ECR storage cost. */
  imageSizeInBytes?: number;
}

export interface ImagePushedSnapshot {
  region: string;
  lessonStartedAt?: string;
  repository: Observed<RepositoryFacts>;
  images?: Observed<PushedImage[]>;
  /** The manifest of the expected tag, as ECR returns it (a JSON string). */
  manifest?: string;
  /** The local image of the same name, if the engine could be asked. */
  local?: Observed<ImageFacts>;
}

export function pushCommand(vars: { region: string; accountId?: string; repository: string }, uri?: string): string {
  // The repository URI names its registry; the account id may not be known (STS not asked yet).
  const registry = uri?.split('/')[0] ?? `${vars.accountId ?? '<account-id>'}.dkr.ecr.${vars.region}.amazonaws.com`;
  const target = `${uri ?? `${registry}/${vars.repository}`}:${expectedTag}`;
  return [
    `aws ecr get-login-password --region ${vars.region} | docker login --username AWS --password-stdin ${registry}`,
    `docker tag ${vars.repository}:latest ${target}`,
    `docker push ${target}`,
  ].join(' && ');
}

interface IndexEntry { platform?: { os?: string; architecture?: string }; annotations?: Record<string, string> }

/** Platforms a multi-platform manifest offers, without buildx's attestation entries; undefined for a single image. */
export function indexPlatforms(manifest: string | undefined): string[] | undefined {
  if (!manifest) return undefined;
  let parsed: { manifests?: IndexEntry[] };
  try { parsed = JSON.parse(manifest); } catch { return undefined; }
  if (!Array.isArray(parsed.manifests)) return undefined;
  return parsed.manifests
    .filter((entry) => entry.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
    .map((entry) => `${entry.platform?.os ?? 'unknown'}/${entry.platform?.architecture ?? 'unknown'}`)
    .filter((platform) => platform !== 'unknown/unknown');
}

export default defineCheck<ImagePushedSnapshot>({
  id: 'ecr/image-pushed',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ecr describe-images --region {{region}} --repository-name {{repository}} --query 'imageDetails[].[imageTags,imagePushedAt,imageManifestMediaType]' --output table",
  ],
  async observe(ctx) {
    const { aws, vars } = ctx;
    const repository = await describeRepository(aws.ecr, vars.repository);
    const snapshot: ImagePushedSnapshot = { region: aws.region, repository, ...(ctx.lessonStartedAt && { lessonStartedAt: ctx.lessonStartedAt }) };
    if (isCaptured(repository)) return snapshot;
    const described = await capture(aws.ecr.send(new DescribeImagesCommand({ repositoryName: vars.repository, filter: { tagStatus: 'TAGGED' }, maxResults: 100 })));
    snapshot.images = isCaptured(described)
      ? described
      : (described.imageDetails ?? []).map((detail) => ({
          imageTags: detail.imageTags ?? [],
          imageDigest: detail.imageDigest!,
          ...(detail.imagePushedAt && { imagePushedAt: new Date(detail.imagePushedAt).toISOString() }),
          ...(detail.imageManifestMediaType && { imageManifestMediaType: detail.imageManifestMediaType }),
          ...(detail.imageSizeInBytes !== undefined && { imageSizeInBytes: detail.imageSizeInBytes }),
        }));
    if (!isCaptured(snapshot.images) && snapshot.images.some((image) => image.imageTags.includes(expectedTag))) {
      const got = await capture(aws.ecr.send(new BatchGetImageCommand({ repositoryName: vars.repository, imageIds: [{ imageTag: expectedTag }], acceptedMediaTypes: manifestTypes })));
      if (!isCaptured(got) && got.images?.[0]?.imageManifest) snapshot.manifest = got.images[0].imageManifest;
    }
    snapshot.local = await inspectImage(ctx.docker, `${vars.repository}:latest`).catch((error: Error) => captureDocker(Promise.reject(error)));
    return snapshot;
  },
  judge(snapshot, vars): CheckResult {
    const { repository, images } = snapshot;
    if (isCaptured(repository)) {
      if (repository.$error.name !== 'RepositoryNotFoundException') return couldNotLookAt('ecr:DescribeRepositories', repository.$error, snapshot.region);
      return {
        status: 'fail', summary: { key: 'ecr.image-pushed.no-repository', params: { repository: vars.repository, region: snapshot.region } },
        items: [{
          id: 'tag', status: 'fail', label: { key: 'ecr.image-pushed.tag.label', params: { tag: expectedTag } },
          expected: `${vars.repository} in ${snapshot.region}`, actual: { key: 'value.no-repository' },
          hint: { key: 'ecr.image-pushed.no-repository.hint' }, fix: `aws ecr create-repository --repository-name ${vars.repository} --region ${snapshot.region}`,
        }],
        resources: [...missingResource('ecr-repository', snapshot.region, vars.repository), ...missingResource('image', snapshot.region, `${vars.repository}:${expectedTag}`)],
      };
    }
    if (!images || isCaptured(images)) return couldNotLookAt('ecr:DescribeImages', images?.$error ?? { name: 'Error', message: 'no answer' }, snapshot.region);
    const uri = repository.repositoryUri;
    const fix = pushCommand(vars, uri);
    const tagged = images.find((image) => image.imageTags.includes(expectedTag));
    const tagLabel = { key: 'ecr.image-pushed.tag.label', params: { tag: expectedTag } };
    const resources = found('ecr-repository', snapshot.region, repository.repositoryArn, { name: repository.repositoryName, presence: 'healthy' });
    if (!tagged) {
      const otherTags = images.flatMap((image) => image.imageTags);
      return {
        status: 'fail', summary: { key: 'ecr.image-pushed.missing', params: { uri: `${uri}:${expectedTag}` } },
        items: [{
          id: 'tag', status: 'fail', label: tagLabel, expected: `${uri}:${expectedTag}`, actual: otherTags.length ? otherTags.map((tag) => `:${tag}`).join(', ') : 'no tagged images',
          hint: otherTags.length ? { key: 'ecr.image-pushed.tag.other-tags', params: { tags: otherTags.join(', ') } } : { key: 'ecr.image-pushed.tag.none' },
          fix: otherTags.length ? `${fix.split(' && docker push')[0]} && docker push ${uri}:${expectedTag}` : fix,
        }],
        resources: [...resources, ...missingResource('image', snapshot.region, `${vars.repository}:${expectedTag}`)],
      };
    }
    const items: CheckItem[] = [{ id: 'tag', status: 'pass', label: tagLabel, actual: `${uri}:${expectedTag} (${tagged.imageDigest.slice(0, 19)}…)` }];

    const local = snapshot.local && !isCaptured(snapshot.local) ? snapshot.local : undefined;
    const localDigest = local?.RepoDigests.find((entry) => entry.startsWith(`${uri}@`))?.split('@')[1];
    const sameAsLocal = localDigest === undefined ? undefined : localDigest === tagged.imageDigest;

    if (snapshot.lessonStartedAt && tagged.imagePushedAt) {
      const fresh = tagged.imagePushedAt >= snapshot.lessonStartedAt;
      // Without a local build there is nothing to push again: build it first.
      const stale = local
        ? { hint: { key: 'ecr.image-pushed.fresh.hint' }, fix }
        : { hint: { key: 'ecr.image-pushed.fresh.no-local', params: { started: snapshot.lessonStartedAt } }, fix: `cd ${vars.workspace} && docker build -t ${vars.repository} . && ${fix}` };
      items.push({
        id: 'pushed-after-start', status: fresh || sameAsLocal ? 'pass' : 'fail', label: { key: 'ecr.image-pushed.fresh.label' }, actual: tagged.imagePushedAt,
        ...(!fresh && !sameAsLocal && { expected: `after ${snapshot.lessonStartedAt}`, ...stale }),
      });
    }

    const platforms = indexPlatforms(snapshot.manifest);
    if (platforms) {
      const amd64 = platforms.includes('linux/amd64');
      items.push({
        id: 'architecture', status: amd64 ? 'pass' : 'fail', label: { key: 'ecr.image-pushed.architecture.label' }, actual: platforms.join(', ') || 'no platforms',
        ...(!amd64 && {
          expected: 'linux/amd64', hint: { key: 'ecr.image-pushed.architecture.arm64-index', params: { platforms: platforms.join(', ') } },
          fix: `cd ${shellQuote(vars.workspace)} && docker buildx build --platform linux/amd64 -t ${uri}:${expectedTag} --push .`,
        }),
      });
    } else if (local) {
      const platform = `${local.Os}/${local.Architecture}`;
      const amd64 = platform === 'linux/amd64';
      items.push({
        id: 'architecture', status: amd64 ? 'pass' : sameAsLocal === false ? 'warn' : 'fail', label: { key: 'ecr.image-pushed.architecture.label' },
        actual: `${platform} (${sameAsLocal ? 'your local build, same digest' : 'your local build'})`,
        ...(!amd64 && {
          expected: 'linux/amd64', hint: { key: 'ecr.image-pushed.architecture.arm64-local', params: { platform } },
          fix: `cd ${shellQuote(vars.workspace)} && docker buildx build --platform linux/amd64 -t ${uri}:${expectedTag} --push .`,
        }),
      });
    } else {
      items.push({ id: 'architecture', status: 'warn', label: { key: 'ecr.image-pushed.architecture.label' }, actual: 'unknown', hint: { key: 'ecr.image-pushed.architecture.unknown' } });
    }

    if (sameAsLocal !== undefined) {
      items.push({
        id: 'same-digest', status: sameAsLocal ? 'pass' : 'warn', label: { key: 'ecr.image-pushed.digest.label' }, actual: tagged.imageDigest,
        ...(!sameAsLocal && { expected: localDigest, hint: { key: 'ecr.image-pushed.digest.hint' }, fix }),
      });
    }
    const failed = items.some((item) => item.status === 'fail');
    return {
      status: failed ? 'fail' : 'pass',
      summary: { key: failed ? 'ecr.image-pushed.fail' : 'ecr.image-pushed.pass', params: { uri: `${uri}:${expectedTag}` } },
      items,
      resources: [
        ...resources,
        ...found('image', snapshot.region, `${uri}@${tagged.imageDigest}`, { name: `${repository.repositoryName}:${expectedTag}`, presence: failed ? 'exists' : 'healthy', storedBytes: tagged.imageSizeInBytes, createdAt: tagged.imagePushedAt }),
      ],
    };
  },
});
