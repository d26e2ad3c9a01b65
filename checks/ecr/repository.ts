/**
 * ecr/repository: the private repository exists in the learner's region. When it does not, look for a
 * near-miss name here and for the same name in the regions a learner most often uses by mistake.
 */
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { capture, couldNotLookAt, defineCheck, foundInOtherRegions, isCaptured, nearMiss, type CheckResult, type Observed } from '#check-kit';
import { found, missingResource } from '#check-kit';

export interface RepositoryFacts {
  repositoryName: string;
  repositoryUri: string;
  repositoryArn: string;
  imageTagMutability?: string;
}

export interface RepositorySnapshot {
  region: string;
  account?: string;
  repository: Observed<RepositoryFacts>;
  /** Names of the repositories in this region, when ours is missing. */
  names: string[];
  /** Other regions where a repository with our name exists. */
  foundIn: string[];
}

export function createRepositoryCommand(vars: { repository: string; region: string }): string {
  return `aws ecr create-repository --repository-name ${vars.repository} --region ${vars.region}`;
}

export async function describeRepository(ecr: ECRClient, name: string): Promise<Observed<RepositoryFacts>> {
  const described = await capture(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] })));
  if (isCaptured(described)) return described;
  const repository = described.repositories?.[0];
  if (!repository) return { $error: { name: 'RepositoryNotFoundException', message: `no repository ${name}` } };
  return {
    repositoryName: repository.repositoryName!,
    repositoryUri: repository.repositoryUri!,
    repositoryArn: repository.repositoryArn!,
    ...(repository.imageTagMutability && { imageTagMutability: repository.imageTagMutability }),
  };
}

export default defineCheck<RepositorySnapshot>({
  id: 'ecr/repository',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws ecr describe-repositories --region {{region}} --repository-names {{repository}}",
  ],
  async observe(ctx) {
    const { vars, aws } = ctx;
    const identity = await capture(aws.sts.send(new GetCallerIdentityCommand({})));
    const repository = await describeRepository(aws.ecr, vars.repository);
    const snapshot: RepositorySnapshot = { region: aws.region, repository, names: [], foundIn: [] };
    if (!isCaptured(identity) && identity.Account) snapshot.account = identity.Account;
    if (isCaptured(repository) && repository.$error.name === 'RepositoryNotFoundException') {
      const all = await capture(aws.ecr.send(new DescribeRepositoriesCommand({ maxResults: 100 })));
      if (!isCaptured(all)) snapshot.names = (all.repositories ?? []).map((entry) => entry.repositoryName!);
      snapshot.foundIn = await foundInOtherRegions(aws, async (elsewhere) => !isCaptured(await describeRepository(elsewhere.ecr, vars.repository)));
    }
    return snapshot;
  },
  judge(snapshot, vars): CheckResult {
    const { repository } = snapshot;
    const label = { key: 'ecr.repository.exists.label', params: { repository: vars.repository, region: snapshot.region } };
    if (isCaptured(repository)) {
      if (repository.$error.name !== 'RepositoryNotFoundException') return couldNotLookAt('ecr:DescribeRepositories', repository.$error, snapshot.region);
      const similar = nearMiss(vars.repository, snapshot.names);
      const otherRegion = snapshot.foundIn[0];
      return {
        status: 'fail',
        summary: { key: 'ecr.repository.missing', params: { repository: vars.repository, region: snapshot.region } },
        items: [{
          id: 'exists', status: 'fail', label,
          expected: `${vars.repository} in ${snapshot.region}`,
          actual: otherRegion ? `${vars.repository} in ${snapshot.foundIn.join(', ')}` : similar ? similar : { key: 'value.not-found' },
          hint: otherRegion
            ? { key: 'ecr.repository.other-region', params: { regions: snapshot.foundIn.join(', '), region: snapshot.region } }
            : similar ? { key: 'ecr.repository.near-miss', params: { found: similar, repository: vars.repository } } : { key: 'ecr.repository.missing.hint' },
          fix: createRepositoryCommand({ repository: vars.repository, region: snapshot.region }),
        }],
        resources: missingResource('ecr-repository', snapshot.region, vars.repository),
      };
    }
    const items = [{ id: 'exists', status: 'pass' as const, label, actual: repository.repositoryUri }];
    return {
      status: 'pass',
      summary: { key: 'ecr.repository.pass', params: { uri: repository.repositoryUri } },
      items,
      resources: found('ecr-repository', snapshot.region, repository.repositoryArn, { name: repository.repositoryName, presence: 'healthy' }),
    };
  },
});
