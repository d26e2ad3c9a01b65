import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readConfig } from '../../../src/config.ts';
import { dataDir } from '../../../src/settings/data-dir.ts';
import { connectOwner, startTestServer, type TestServer } from './terminal-harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

// In the workspace folder, outside the project, `npx ecs-workbook` would ask the public npm
// registry for a package of that name: the terminal's own `ecs-workbook` must be found first.
test("the terminal's shell finds the workbook's own ecs-workbook, and a check runs in the workspace folder", async () => {
  const owner = await connectOwner(server);
  await owner.waitFor(/[$#] $/, 10_000);
  owner.type('echo "at=$(pwd)"; echo "cli=$(command -v ecs-workbook)"; ecs-workbook check setup/docker --json > check.json; echo "exit=$?"; head -c 200 check.json; echo; echo done-$((20+1))\r');
  await owner.waitFor('done-21', 60_000);
  const workspace = realpathSync(join(server.home, 'ecs-workbook'));
  expect(owner.text).toContain(`at=${workspace}`);
  expect(owner.text).toContain(`cli=${join(dataDir(readConfig().dataDir), 'bin', 'ecs-workbook')}`);
  // A check that ran: the Docker engine answered or not, the result is the step's JSON.
  expect(owner.text).toMatch(/exit=[01]\r?\n/);
  expect(owner.text).toContain('"step": "setup/docker"');
  owner.close();
}, 90_000);
