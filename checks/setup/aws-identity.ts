/**
 * setup/aws-identity: STS says who the learner is (account, caller ARN) in the region the checks
 * use. GetCallerIdentity needs no permission, so any error here is a credentials or network problem,
 * which the runner turns into an `error` result with the fix. Warns on the root user, and when the
 * aws CLI would use another region than the workbook.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { capture, cliRegion, defineCheck, isCaptured, type CheckItem, type Observed } from '#check-kit';
import { found } from '#check-kit';

export interface AwsIdentitySnapshot {
  region: string;
  /** The region the aws CLI would use (AWS_REGION, AWS_DEFAULT_REGION, profile), if any. */
  cliRegion?: string;
  'sts:GetCallerIdentity': Observed<{ Account?: string; Arn?: string; UserId?: string }>;
}

export default defineCheck<AwsIdentitySnapshot>({
  id: 'setup/aws-identity',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "aws --version",
    "aws sts get-caller-identity",
    "aws configure list",
  ],
  async observe(ctx) {
    const [identity, cli] = await Promise.all([
      capture(ctx.aws.sts.send(new GetCallerIdentityCommand({}), { abortSignal: ctx.signal })),
      cliRegion(ctx.env),
    ]);
    return { region: ctx.aws.region, ...(cli && { cliRegion: cli.region }), 'sts:GetCallerIdentity': identity };
  },
  judge(snapshot) {
    const identity = snapshot['sts:GetCallerIdentity'];
    if (isCaptured(identity) || !identity.Account || !identity.Arn) {
      // Only reached for an error the runner did not classify, or an answer without an identity
      // (something that is not STS answered): the workbook could not look, so it is never "not yet".
      return {
        status: 'error',
        summary: { key: 'setup.aws-identity.summary.unknown' },
        items: [{ id: 'identity', status: 'error', label: { key: 'setup.aws-identity.identity.label' }, actual: isCaptured(identity) ? `${identity.$error.name}: ${identity.$error.message}` : JSON.stringify(identity), hint: { key: 'setup.aws-identity.identity.hint' }, fix: 'aws sts get-caller-identity' }],
        resources: [],
      };
    }
    const { Account: account, Arn: arn } = identity;
    const items: CheckItem[] = [
      { id: 'identity', status: 'pass', label: { key: 'setup.aws-identity.identity.label' }, actual: arn },
      { id: 'account', status: 'pass', label: { key: 'setup.aws-identity.account.label', params: { account } }, actual: account },
      { id: 'region', status: 'pass', label: { key: 'setup.aws-identity.region.label', params: { region: snapshot.region } }, actual: snapshot.region },
    ];
    if (/:root$/.test(arn)) {
      items.push({ id: 'not-root', status: 'warn', label: { key: 'setup.aws-identity.root.label' }, expected: { key: 'value.iam-user-or-role' }, actual: arn, hint: { key: 'setup.aws-identity.root.hint' } });
    }
    if (snapshot.cliRegion && snapshot.cliRegion !== snapshot.region) {
      items.push({
        id: 'cli-region',
        status: 'warn',
        label: { key: 'setup.aws-identity.cli-region.label' },
        expected: snapshot.region,
        actual: snapshot.cliRegion,
        hint: { key: 'setup.aws-identity.cli-region.hint', params: { region: snapshot.region, cliRegion: snapshot.cliRegion } },
        fix: `export AWS_REGION=${snapshot.region}`,
      });
    }
    return {
      status: 'pass',
      summary: { key: 'setup.aws-identity.summary.pass', params: { account, region: snapshot.region } },
      items,
      resources: found('account', snapshot.region, arn, { name: account, presence: 'healthy' }),
    };
  },
});
