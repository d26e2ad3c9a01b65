import { afterAll, beforeAll, expect, test } from 'vitest';
import { connectOwner, startTestServer, type TestServer } from './terminal-harness.ts';

let server: TestServer;
let learnerPager: string | undefined;
beforeAll(async () => {
  // A learner who set a pager of their own: the terminal's shell still gets none.
  learnerPager = process.env.AWS_PAGER;
  process.env.AWS_PAGER = 'less -R';
  server = await startTestServer();
});
afterAll(async () => {
  if (learnerPager === undefined) delete process.env.AWS_PAGER;
  else process.env.AWS_PAGER = learnerPager;
  await server?.close();
});

// With AWS CLI v2, `aws ecs create-cluster` would open `less` and the rest of a block the Run
// button typed would go to the pager instead of the shell.
test("the terminal's shell has AWS_PAGER set and empty, so AWS CLI v2 opens no pager", async () => {
  const owner = await connectOwner(server);
  await owner.waitFor(/[$#] $/, 10_000);
  owner.type('echo "pager=[$AWS_PAGER] ${AWS_PAGER+set}"; echo done-$((40+2))\r');
  await owner.waitFor('done-42', 10_000);
  expect(owner.text).toMatch(/pager=\[\] set\r?\n/);
  owner.close();
}, 30_000);
