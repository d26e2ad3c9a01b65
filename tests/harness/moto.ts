/**
 * A real moto server for observer and CLI tests (no mocks):
 *
 *   const moto = await startMoto();            // python3 -m moto.server on a free loopback port
 *   Object.assign(process.env, moto.env);      // or pass moto.env to a child process
 *   ... createCheckContext({ vars: testVariables({ region: moto.region }) }) ...
 *   await moto.reset();                        // POST /moto-api/reset between tests
 *   await moto.stop();
 *
 * `env` holds AWS_ENDPOINT_URL, dummy credentials, AWS_REGION and AWS_EC2_METADATA_DISABLED, and
 * clears AWS_PROFILE so a developer's own profile never leaks into a test. AWS managed policies are
 * loaded (MOTO_IAM_LOAD_MANAGED_POLICIES=true); pass `extraEnv` for knobs such as
 * MOTO_ECS_SERVICE_RUNNING=2. moto's limits: shared/reference/aws-checks.md §9.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface Moto {
  port: number;
  endpoint: string;
  region: string;
  /** Environment for the SDK (and the aws CLI) to talk to this moto. */
  env: Record<string, string>;
  reset(): Promise<void>;
  /** Turns on moto's IAM authorisation (then only keys of users created in moto are accepted). */
  enableAuth(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`moto did not answer at ${endpoint} within ${timeoutMs} ms:\n${output()}`);
}

/** `port`: a fixed one, for a server started before the test that was told where moto would be. */
/** `host`: another address than loopback, for a test that must reach moto from a sandbox (say why there). */
export async function startMoto(options: { region?: string; extraEnv?: Record<string, string>; port?: number; host?: string } = {}): Promise<Moto> {
  const port = options.port ?? (await freePort());
  const host = options.host ?? '127.0.0.1';
  const endpoint = `http://${host}:${port}`;
  const region = options.region ?? 'ap-northeast-1';
  let log = '';
  const child = spawn('python3', ['-m', 'moto.server', '-H', host, '-p', String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', ...options.extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  await waitUntilReady(endpoint, child, () => log);
  const post = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${endpoint}${path}`, { method: 'POST', ...init });
    if (!response.ok) throw new Error(`moto ${path}: HTTP ${response.status}`);
    await response.arrayBuffer();
  };
  return {
    port,
    endpoint,
    region,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_REGION: region,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PROFILE: '',
    },
    reset: () => post('/moto-api/reset'),
    enableAuth: () => post('/moto-api/reset-auth', { headers: { 'content-type': 'text/plain' }, body: '0' }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
