/**
 * AWS CLI v2 opens `less` for output taller than the terminal. The Run button types a whole block
 * into the shell, so a pager opened by its first line would swallow the lines after it. The
 * workbook's terminal sets AWS_PAGER="" for its shell; here a real CLI v2 (Debian's /usr/bin/aws,
 * first on PATH as on a learner's machine) runs in the workbook's own pty against moto.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { learnerPath } from '../../harness/learner-path.ts';
import { startMoto, type Moto } from '../../harness/moto.ts';
import { connectOwner, startTestServer, type TestServer } from './terminal-harness.ts';

let server: TestServer;
let moto: Moto;
const saved: Record<string, string | undefined> = {};
const learnerEnv = (extra: Record<string, string>) => {
  for (const [name, value] of Object.entries(extra)) {
    saved[name] ??= process.env[name];
    process.env[name] = value;
  }
};

beforeAll(async () => {
  moto = await startMoto({ region: 'ap-northeast-1' });
  const { AWS_PROFILE: _profile, ...awsEnv } = moto.env;
  // A learner who set a pager of their own: the terminal's shell still gets none.
  learnerEnv({ ...awsEnv, AWS_PAGER: 'less -R', PATH: learnerPath() });
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await server?.close();
  await moto?.stop();
});

test("the terminal's shell has AWS_PAGER set and empty, so AWS CLI v2 opens no pager", async () => {
  const owner = await connectOwner(server);
  await owner.waitFor(/[$#] $/, 10_000);
  owner.type('echo "pager=[$AWS_PAGER] ${AWS_PAGER+set}"; echo done-$((40+2))\r');
  await owner.waitFor('done-42', 10_000);
  expect(owner.text).toMatch(/pager=\[\] set\r?\n/);
  owner.close();
}, 30_000);

test('in a 12-row terminal, a block whose first line prints 40 lines of JSON runs to its last line', async () => {
  const owner = await connectOwner(server);
  owner.resize(100, 12);
  await owner.waitFor(/[$#] $/, 10_000);
  // AWS CLI v2 2.9 ignores AWS_ENDPOINT_URL, so the endpoint is named; the command is lesson 05's.
  owner.type('aws --version\r');
  await owner.waitFor(/aws-cli\/2\./, 20_000);
  const endpoint = `--endpoint-url ${moto.endpoint}`;
  owner.type(`aws ${endpoint} ecs create-cluster --region ap-northeast-1 --cluster-name wbtest-lesson12-pager --capacity-providers FARGATE\rNEXT=$((6*7)); echo "next line ran: $NEXT"\r`);
  await owner.waitFor('next line ran: 42', 60_000);
  expect(owner.text).toContain('"clusterName": "wbtest-lesson12-pager"');
  expect(owner.text.split('\n').length).toBeGreaterThan(12 + 10); // taller than the pane: v2 would have paged
  expect(owner.text).not.toContain('(END)');

  // The same command with a pager, as a learner's own AWS_PAGER would have it: `less` opens and
  // waits for keys instead of returning to the prompt, which is what the terminal prevents.
  const before = owner.text.length;
  owner.type(`AWS_PAGER=less aws ${endpoint} ecs describe-clusters --region ap-northeast-1 --clusters wbtest-lesson12-pager\r`);
  await owner.waitFor(/\(END\)|\n:(\x1b\[[0-9;]*[A-Za-z])*$/, 60_000);
  expect(owner.text.slice(before)).not.toMatch(/[$#] $/);
  owner.type('q');
  owner.type('echo back-$((1+1))\r');
  await owner.waitFor('back-2', 10_000);
  owner.close();
}, 120_000);
