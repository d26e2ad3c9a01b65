/**
 * setup/tools: the learner's AWS CLI is version 2, and `docker buildx` answers where the course
 * needs it: on an arm64 machine (Apple Silicon, Graviton), where lesson 10 builds the amd64 image
 * Fargate runs with `docker buildx build --platform linux/amd64`. On x86_64 the classic
 * `docker build` already makes an amd64 image, so buildx is not needed there. It observes through
 * `ctx.tools` (a fixed list of version commands) and says which way lesson 10 will build.
 */
import { defineCheck, found, type CheckItem, type CheckResult, type CheckStatus, type FoundResource, type ToolVersion } from '#check-kit';

export interface ToolsSnapshot {
  platform: NodeJS.Platform;
  /** `aws --version` */
  aws: ToolVersion;
  /** `docker buildx version` */
  buildx: ToolVersion;
  /** `uname -m`: the same test lesson 10's commands make */
  machine: ToolVersion;
}

const key = (suffix: string) => `setup.tools.${suffix}`;

/** The version's major number from `aws-cli/2.15.0 Python/…`, if the banner has one. */
export function awsMajorVersion(output: string): number | undefined {
  const match = /(?:^|\s)aws-cli\/(\d+)\.\d+/m.exec(output);
  return match ? Number(match[1]) : undefined;
}

/** How lesson 10 builds on this machine: `classic` on x86_64, `buildx` on arm, `unknown` if uname did not answer. */
export function buildWay(machine: ToolVersion): 'classic' | 'buildx' | 'unknown' {
  if (machine.status !== 'ok') return 'unknown';
  const arch = machine.output.trim();
  if (/^(x86_64|amd64)$/.test(arch)) return 'classic';
  if (/^(arm64|aarch64|armv8.*)$/.test(arch)) return 'buildx';
  return 'unknown';
}

/** Installs AWS CLI v2 the way AWS documents it, for this system (null where the learner must choose, e.g. Windows: use WSL2). */
export function installAwsCliV2(platform: NodeJS.Platform): string | undefined {
  if (platform === 'linux') return 'curl -sSfo /tmp/awscliv2.zip "https://awscli.amazonaws.com/awscli-exe-linux-$(uname -m).zip" && unzip -qo /tmp/awscliv2.zip -d /tmp && sudo /tmp/aws/install --update && hash -r';
  if (platform === 'darwin') return 'curl -sSfo /tmp/AWSCLIV2.pkg https://awscli.amazonaws.com/AWSCLIV2.pkg && sudo installer -pkg /tmp/AWSCLIV2.pkg -target / && hash -r';
  return undefined;
}

const firstLine = (output: string) => output.split('\n')[0]!.trim();

const couldNotCheck = (id: string, label: CheckItem['label'], command: string, answer: ToolVersion): CheckItem => ({
  id, status: 'error', label,
  actual: answer.status === 'error' ? answer.message : answer.status === 'timeout' ? { key: key('timed-out') } : answer.status === 'failed' || answer.status === 'ok' ? firstLine(answer.output) || `exit ${answer.status === 'failed' ? answer.exitCode : 0}` : { key: key('not-found') },
  hint: { key: key('could-not-check'), params: { command } },
});

function awsItem(snapshot: ToolsSnapshot): CheckItem {
  const label = { key: key('aws.label') };
  const answer = snapshot.aws;
  const fix = installAwsCliV2(snapshot.platform);
  if (answer.status === 'missing') return { id: 'aws-cli', status: 'fail', label, expected: 'aws-cli/2.x', actual: { key: key('not-found') }, hint: { key: key('aws.missing') }, ...(fix && { fix }) };
  if (answer.status !== 'ok') return couldNotCheck('aws-cli', label, 'aws --version', answer);
  const major = awsMajorVersion(answer.output);
  if (major === undefined) return couldNotCheck('aws-cli', label, 'aws --version', answer);
  if (major < 2) return { id: 'aws-cli', status: 'fail', label, expected: 'aws-cli/2.x', actual: firstLine(answer.output), hint: { key: key('aws.v1') }, ...(fix && { fix }) };
  return { id: 'aws-cli', status: 'pass', label, actual: firstLine(answer.output) };
}

function buildxItem(snapshot: ToolsSnapshot): CheckItem {
  const way = buildWay(snapshot.machine);
  const arch = snapshot.machine.status === 'ok' ? snapshot.machine.output.trim() : '?';
  const answer = snapshot.buildx;
  const label = { key: key(`buildx.label.${way}`), params: { arch } };
  if (answer.status === 'ok') return { id: 'buildx', status: 'pass', label, actual: firstLine(answer.output) };
  const absent = answer.status === 'missing' || answer.status === 'failed';
  // On x86_64 lesson 10 builds with the classic `docker build`: buildx is a nice-to-have.
  if (way === 'classic') return { id: 'buildx', status: 'pass', label, actual: { key: key(absent ? 'buildx.not-needed' : 'buildx.not-checked-not-needed') } };
  if (!absent) return couldNotCheck('buildx', label, 'docker buildx version', answer);
  const actual = answer.status === 'failed' ? firstLine(answer.output) || `exit ${answer.exitCode}` : { key: key('not-found') };
  if (way === 'buildx') return { id: 'buildx', status: 'fail', label, expected: 'github.com/docker/buildx', actual, hint: { key: key('buildx.needed'), params: { arch } } };
  return { id: 'buildx', status: 'warn', label, actual, hint: { key: key('buildx.unknown-machine') } };
}

function resources(snapshot: ToolsSnapshot, aws: CheckItem, buildx: CheckItem): FoundResource[] {
  const presence = (item: CheckItem) => (item.status === 'pass' ? 'healthy' as const : 'exists' as const);
  const tool = (id: string, answer: ToolVersion, item: CheckItem): FoundResource[] =>
    answer.status === 'ok' ? found('cli-tool', 'local', id, { name: firstLine(answer.output), presence: presence(item) })
      : answer.status === 'missing' || answer.status === 'failed' ? [{ type: 'cli-tool', region: 'local', id, name: id, presence: 'missing' }]
        : [];
  return [...tool('aws', snapshot.aws, aws), ...tool('docker buildx', snapshot.buildx, buildx)];
}

export function judgeTools(snapshot: ToolsSnapshot): CheckResult {
  const aws = awsItem(snapshot);
  const buildx = buildxItem(snapshot);
  const items = [aws, buildx];
  const status: CheckStatus = items.some((i) => i.status === 'error') ? 'error' : items.some((i) => i.status === 'fail') ? 'fail' : 'pass';
  const way = buildWay(snapshot.machine);
  const summary = status === 'pass'
    ? { key: key(`summary.pass.${way}`), params: { arch: snapshot.machine.status === 'ok' ? snapshot.machine.output.trim() : '?' } }
    : { key: key(`summary.${status}`) };
  // A check that could not look knows nothing: it reports no resource.
  return { status, summary, items, resources: status === 'error' ? [] : resources(snapshot, aws, buildx) };
}

export default defineCheck<ToolsSnapshot>({
  id: 'setup/tools',
  // Look yourself: what this Check runs, as commands a learner can run without the workbook.
  look: [
    'aws --version',
    'uname -m',
    'docker buildx version',
    'type -a aws',
  ],
  async observe(ctx) {
    const [aws, buildx, machine] = await Promise.all([ctx.tools.version('aws'), ctx.tools.version('buildx'), ctx.tools.version('machine')]);
    return { platform: ctx.platform, aws, buildx, machine };
  },
  judge: judgeTools,
});
