/**
 * A real workshop for a browser spec: `ecs-workbook workshop --json` as a child process, with its
 * own data folder and sandboxes on the Docker engine. Started once per spec file (a sandbox's cold
 * start is several seconds); `stop` ends the server and removes what its workshop made.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createDockerSandboxProvider } from '../../../src/sandbox/docker-provider.ts';
import { openWorkshopRoster } from '../../../src/workshop/workshop-roster.ts';

export interface WorkshopForSpec {
  joinUrl: string;
  eventCode: string;
  /** The instructor's one-time sign-in link: one browser context signs in with it. */
  instructorUrl: string;
  origin: string;
  stop(): Promise<void>;
}

export async function startWorkshopForSpec(options: { port: number; learners: number }): Promise<WorkshopForSpec> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-e2e-room-workshop-'));
  const node = existsSync('node_modules/.bin/node') ? 'node_modules/.bin/node' : process.execPath;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    // No AWS traffic may leave loopback.
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const server = spawn(node, ['bin/ecs-workbook.mjs', 'workshop', '--json', '--port', String(options.port), '--data-dir', dataDir, '--learners', String(options.learners), '--warm', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  async function stop() {
    if (server.exitCode === null && !server.signalCode) {
      const gone = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await gone;
    }
    // Stopping the server keeps sandboxes for a restart; the spec removes what its workshop made.
    if (existsSync(dataDir)) {
      try {
        const roster = openWorkshopRoster(dataDir);
        const provider = await createDockerSandboxProvider({ workshop: roster.identity.id, image: 'ecs-workbook-sandbox:latest' });
        roster.close();
        await provider.shutdown();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }

  try {
    const ready = await new Promise<Omit<WorkshopForSpec, 'origin' | 'stop'>>((resolve, reject) => {
      const lines = createInterface({ input: server.stdout! });
      // With --json stdout carries the one JSON line only (builds and progress go to stderr), so a
      // script can read it: anything else there is a bug this spec reports.
      lines.once('line', (line) => {
        if (line.startsWith('{')) resolve(JSON.parse(line) as Omit<WorkshopForSpec, 'origin' | 'stop'>);
        else reject(new Error(`workshop --json printed something other than its JSON line on stdout: ${line}`));
      });
      server.once('exit', (code) => reject(new Error(`ecs-workbook workshop exited with ${code}:\n${stderr}`)));
    });
    return { ...ready, origin: new URL(ready.instructorUrl).origin, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
