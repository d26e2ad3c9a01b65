import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

/** Browser tests drive Debian's Chromium (a browser download is not possible here) against the real server, started the way a learner starts it. */
const port = Number(process.env.E2E_PORT ?? 4399);
/** The server's own origin, which requests that change state must name (its Origin check). */
export const e2eOrigin = `http://127.0.0.1:${port}`;
/** The server's sign-in token, fixed for the run (ECS_WORKBOOK_SIGN_IN_TOKEN is for tests only); tests/e2e/fixtures.ts signs in with it. */
export const e2eSignInToken = `e2e-sign-in-token-${port}`;
export const e2eDataDir = resolve('test-results/e2e-data');
export const e2eDockerSocket = resolve('test-results/e2e-docker.sock');
/**
 * Where the server's AWS calls go. Nothing listens there unless a spec starts moto on it (the
 * pending re-check spec does), so for every other spec AWS is a dead local endpoint.
 */
export const e2eMotoPort = Number(process.env.E2E_MOTO_PORT ?? port + 1);
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: e2eOrigin,
    launchOptions: {
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npm start -- --port ${port} --no-open`,
    url: `http://127.0.0.1:${port}/en/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    env: {
      ECS_WORKBOOK_DATA_DIR: e2eDataDir,
      ECS_WORKBOOK_SIGN_IN_TOKEN: e2eSignInToken,
      // The terminal's shell runs with a throwaway HOME and workspace, never the real home's.
      HOME: resolve('test-results/e2e-home'),
      ECS_WORKBOOK_WORKSPACE: resolve('test-results/e2e-home/ecs-workbook'),
      SHELL: '/bin/bash',
      // The Docker step's state is made by the test: the engine "starts" when it opens this socket.
      DOCKER_HOST: `unix://${e2eDockerSocket}`,
      // No AWS traffic may leave loopback: a local endpoint (dead unless a spec starts moto there),
      // moto's dummy keys (never real ones), and no instance-metadata probe.
      AWS_ENDPOINT_URL: `http://127.0.0.1:${e2eMotoPort}`,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_EC2_METADATA_DISABLED: 'true',
      // Test-only: a pending result re-checks after 3 s, twice, instead of 10 s, 15 s, … (src/components/Check.astro).
      ECS_WORKBOOK_TEST_PENDING_DELAYS: '3,3',
    },
  },
});
