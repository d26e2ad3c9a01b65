import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createLocalSandbox } from '../../../src/sandbox/local-sandbox.ts';
import type { SandboxProvider } from '../../../src/sandbox/sandbox-provider.ts';
import type { Grant } from '../../../src/server/terminal/credentials.ts';
import { CloseCode } from '../../../src/shared/terminal-protocol.ts';
import { createRequestGuard } from '../../../src/server/request-guard.ts';
import { createTerminalFeature, type TerminalFeature } from '../../../src/server/terminal/terminal-feature.ts';
import { TerminalClient, waitUntil, type TestServer } from './terminal-harness.ts';

/**
 * One terminal server, several principals: two learners and an instructor, each with a token of
 * their own (as a workshop's sign-in would give them). The shells come from a sandbox provider,
 * keyed by the learner the session belongs to.
 */
const tokens: Record<string, Grant> = {
  'token-ann': { sessionKey: 'lrn-ann', role: 'owner', mayStart: true },
  'token-bob': { sessionKey: 'lrn-bob', role: 'owner', mayStart: true },
  'token-teacher': { sessionKey: 'instructor', role: 'owner', mayStart: true, mayWatchOthers: true },
};

interface Running {
  endpoint: TestServer;
  feature: TerminalFeature;
  close(): Promise<void>;
}

const home = mkdtempSync(join(tmpdir(), 'ecs-workbook-learners-'));
mkdirSync(join(home, 'ecs-workbook'));
const learnerEnv = { HOME: home, SHELL: '/bin/bash', PATH: process.env.PATH };

async function startTerminalServer(sandbox: Pick<SandboxProvider, 'openShell'>): Promise<Running> {
  const server: Server = createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const feature = createTerminalFeature({
    guard: createRequestGuard('127.0.0.1', port),
    authenticate: (token) => tokens[token],
    sandbox,
    helloTimeoutMs: 5_000,
  });
  server.on('upgrade', (req, socket, head) => {
    // Every upgrade is signed in here; who it is comes from the token in its hello (the grants above).
    if (!feature.handleUpgrade!(req, socket, head, new URL(req.url ?? '/', 'http://x'), { kind: 'learner', id: 'signed-in' })) socket.destroy();
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    endpoint: { origin, url: `ws://127.0.0.1:${port}/terminal`, cookie: '' } as TestServer,
    feature,
    async close() {
      await feature.close!();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function connect(running: Running, token: string, extra: Record<string, unknown> = {}) {
  const client = new TerminalClient(running.endpoint, { cookie: null });
  await client.opened;
  client.hello(token, extra);
  return client;
}

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('two learners and an instructor on one server', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startTerminalServer(createLocalSandbox({ learnerEnv }));
  });
  afterAll(async () => {
    await running?.close();
  });

  test('each learner gets a shell of their own', async () => {
    const ann = await connect(running, 'token-ann');
    const bob = await connect(running, 'token-bob');
    ann.type('echo "pid=$$." && WHO=ann && echo who-$WHO-$((1+1))\r');
    bob.type('echo "pid=$$." && echo who-${WHO:-nobody}-$((2+2))\r');
    await ann.waitFor('who-ann-2', 15_000);
    // Bob's shell never heard of Ann's variable: another process, not another tab of hers.
    await bob.waitFor('who-nobody-4', 15_000);
    const pid = (client: TerminalClient) => Number(/pid=(\d+)\./.exec(client.text)![1]);
    expect(pid(ann)).not.toBe(pid(bob));
    expect(ann.text).not.toContain('who-nobody');
    expect(bob.text).not.toContain('who-ann');
    expect([...running.feature.sessions.keys()].sort()).toEqual(['lrn-ann', 'lrn-bob']);
    ann.close();
    bob.close();
  });

  test("a learner who asks for another learner's session is refused and sees nothing of it", async () => {
    const bob = await connect(running, 'token-bob', { session: 'lrn-ann' });
    expect(await bob.closed).toEqual({ code: CloseCode.policy, reason: 'this terminal session is not yours: you can attach only to your own' });
    expect(bob.role).toBeUndefined();
    expect(bob.text).toBe('');
    // Asking for a viewer's role does not help either.
    const peeking = await connect(running, 'token-bob', { session: 'lrn-ann', role: 'viewer' });
    expect((await peeking.closed).code).toBe(CloseCode.policy);
  });

  test("the instructor watches a learner's session as a viewer: sees it, and cannot type into it or resize it", async () => {
    const ann = await connect(running, 'token-ann');
    await ann.waitFor('who-ann-2', 15_000); // the replay of her screen
    const teacher = await connect(running, 'token-teacher', { session: 'lrn-ann' });
    await waitUntil(() => teacher.role !== undefined, 15_000, 'the instructor gets a role');
    expect(teacher.role).toBe('viewer');
    await teacher.waitFor('who-ann-2', 15_000);

    teacher.type('echo typed-by-teacher-$((6*7))\r');
    teacher.resize(40, 10);
    ann.type('echo ann-again-$((3*3)) && stty size\r');
    await teacher.waitFor('ann-again-9', 15_000);
    await ann.waitFor(/ann-again-9\r\n30 100/, 15_000);
    expect(ann.text).not.toContain('typed-by-teacher-42');
    expect(teacher.text).not.toContain('typed-by-teacher-42');
    ann.close();
    teacher.close();
  });

  test("the instructor cannot start a learner's shell that does not run", async () => {
    const teacher = await connect(running, 'token-teacher', { session: 'lrn-carol' });
    expect((await teacher.closed).code).toBe(CloseCode.noSession);
    expect(running.feature.sessions.has('lrn-carol')).toBe(false);
  });
});

describe('a shell that takes time to start, or fails to', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  test('typing and resizing while the shell starts reach it once it is open', async () => {
    const local = createLocalSandbox({ learnerEnv });
    // A sandbox that takes its time to start: the real local shell, opened once the test says so.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    running = await startTerminalServer({ openShell: async (learner, size) => (await gate, local.openShell(learner, size)) });
    const ann = await connect(running, 'token-ann');
    await waitUntil(() => ann.role === 'owner', 15_000, 'the tab is attached while the shell starts');
    expect(running.feature.sessions.get('lrn-ann')?.starting).toBe(true);
    ann.type('echo early-$((40+2)) && stty size\r');
    ann.resize(120, 40);
    open();
    await ann.waitFor(/early-42\r\n40 120/, 15_000);
    expect(running.feature.sessions.get('lrn-ann')?.starting).toBe(false);
    ann.close();
  });

  test('a shell that cannot start is reported to the tab with the reason, and the next connection tries again', async () => {
    // A workspace folder that cannot be made (inside a file) is a real failure of the local provider.
    let workspace = '/dev/null/workspace';
    running = await startTerminalServer(createLocalSandbox({ learnerEnv, workspace: () => workspace }));
    const ann = await connect(running, 'token-ann');
    const closed = await ann.closed;
    expect(closed.code).toBe(CloseCode.shellFailed);
    expect(closed.reason).toBe('the workspace folder /dev/null/workspace cannot be made (a file is in the way); choose another in Settings');
    expect(running.feature.sessions.has('lrn-ann')).toBe(false);

    workspace = join(home, 'ecs-workbook');
    const again = await connect(running, 'token-ann');
    again.type('echo recovered-$((5+5))\r');
    await again.waitFor('recovered-10', 15_000);
    again.close();
  });
});
