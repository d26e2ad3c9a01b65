/**
 * setup/docker: the Docker engine answers, and which version, OS and architecture it builds for.
 * An engine that does not answer is this step's failure (the step is "Docker runs"), so the error is
 * recorded as evidence (`engine.unreachable`), not as a captured could-not-look error.
 */
import type Docker from 'dockerode';
import { defineCheck, type CheckItem, type CheckResult } from '../../src/checks/check-contract.ts';
import { found, missingResource } from '#check-kit';

export interface DockerSnapshot {
  platform: NodeJS.Platform;
  dockerHost: string;
  engine:
    | { reachable: true; version: string; apiVersion: string; os: string; arch: string; minApiVersion?: string }
    | { reachable: false; error: { name: string; message: string; code?: string } };
}

export default defineCheck<DockerSnapshot>({
  id: 'setup/docker',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "docker version --format 'client {{.Client.Version}}, engine {{.Server.Version}} ({{.Server.Os}}/{{.Server.Arch}})'",
    "docker buildx version",
  ],
  async observe(ctx) {
    const base = { platform: ctx.platform, dockerHost: ctx.env.DOCKER_HOST || 'unix:///var/run/docker.sock' };
    try {
      // dockerode accepts `{ abortSignal }` here at runtime; its type declarations lag behind.
      const versionWithOptions = ctx.docker.version as unknown as (options: { abortSignal: AbortSignal }) => Promise<Docker.DockerVersion>;
      const version = await versionWithOptions.call(ctx.docker, { abortSignal: ctx.signal });
      return {
        ...base,
        engine: {
          reachable: true,
          version: version.Version,
          apiVersion: version.ApiVersion,
          os: version.Os,
          arch: version.Arch,
          ...(version.MinAPIVersion && { minApiVersion: version.MinAPIVersion }),
        },
      };
    } catch (thrown) {
      const error = thrown as { name?: string; message?: string; code?: string };
      return { ...base, engine: { reachable: false, error: { name: error.name ?? 'Error', message: error.message ?? String(thrown), ...(error.code && { code: error.code }) } } };
    }
  },
  judge(snapshot): CheckResult {
    const { engine, dockerHost, platform } = snapshot;
    if (!engine.reachable) {
      const denied = engine.error.code === 'EACCES' || /EACCES|permission denied/i.test(engine.error.message);
      const item: CheckItem = {
        id: 'engine',
        status: 'fail',
        label: { key: 'setup.docker.engine.label', params: { dockerHost } },
        expected: { key: 'value.docker-server' },
        actual: engine.error.message,
        hint: { key: denied ? 'setup.docker.engine.permission-hint' : platform === 'linux' ? 'setup.docker.engine.start-hint-linux' : 'setup.docker.engine.start-hint-desktop', params: { dockerHost } },
        ...(denied ? { fix: 'sudo usermod -aG docker "$USER"' } : platform === 'linux' ? { fix: 'sudo systemctl start docker' } : {}),
      };
      return { status: 'fail', summary: { key: 'setup.docker.summary.unreachable' }, items: [item], resources: missingResource('docker-engine', 'local', dockerHost) };
    }
    const engineLine = `Docker Engine ${engine.version} (API ${engine.apiVersion}), ${engine.os}/${engine.arch}`;
    const items: CheckItem[] = [
      { id: 'engine', status: 'pass', label: { key: 'setup.docker.engine.label', params: { dockerHost } }, actual: engineLine },
    ];
    if (engine.os !== 'linux') {
      items.push({
        id: 'linux-containers',
        status: 'fail',
        label: { key: 'setup.docker.linux.label' },
        expected: 'linux',
        actual: engine.os,
        hint: { key: 'setup.docker.linux.hint' },
      });
    }
    if (engine.arch === 'arm64' || engine.arch === 'aarch64') {
      items.push({
        id: 'architecture',
        status: 'warn',
        label: { key: 'setup.docker.arch.label' },
        expected: 'amd64',
        actual: engine.arch,
        hint: { key: 'setup.docker.arch.hint' },
      });
    }
    const failed = items.some((item) => item.status === 'fail');
    return {
      status: failed ? 'fail' : 'pass',
      summary: { key: failed ? 'setup.docker.summary.windows' : 'setup.docker.summary.pass', params: { version: engine.version } },
      items,
      resources: found('docker-engine', 'local', dockerHost, { name: engineLine, presence: failed ? 'exists' : 'healthy' }),
    };
  },
});
