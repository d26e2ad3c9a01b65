/**
 * Idle pause and return on the real Docker engine: a learner writes a file and runs a command, goes
 * away (no input, no check, no visible page) for the idle time (short here), and their sandbox is
 * paused with the terminal saying why; coming back (a new shell) starts it again with the file and
 * the shell history. A learner whose page stays visible is never paused. A sandbox that dies says
 * so in the terminal, and offers a reset.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DockerSandboxProvider } from '../../src/sandbox/docker-provider.ts';
import { createIdlePause, type IdlePause } from '../../src/workshop/idle-pause.ts';
import { createWorkshopSandbox, type WorkshopSandbox } from '../../src/workshop/workshop-sandbox.ts';
import { enc, readShell, workshopForTest, firstBuildTimeoutMs } from '../harness/sandbox.ts';

// Short, but longer than a burst of typing; starts do not count (a busy sandbox is never idle).
const idleMs = 6000;
const prompt = /learner@sandbox:~\/work\$ $/m;
let sandboxes: Awaited<ReturnType<typeof workshopForTest>>;
let provider: DockerSandboxProvider;
let idle: IdlePause;
let sandbox: WorkshopSandbox;
const paused: string[] = [];
const running = (learner: string) => execFileSync('docker', ['inspect', '--format', '{{.State.Running}}', `ecsw-${sandboxes.workshop}-l-${learner}`], { encoding: 'utf8' }).trim();

async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  sandboxes = await workshopForTest('idle');
  provider = sandboxes.provider;
  idle = createIdlePause({
    idleMs,
    sweepEveryMs: 250,
    pause: (learner) => provider.pause(learner),
    beforePause: (learner) => sandbox.endShells(learner, 'paused'),
    onPaused: (learner) => paused.push(learner),
  });
  sandbox = createWorkshopSandbox({ provider, idle, idleMinutes: 1, language: (learner) => (learner === 'lrn-ja' ? 'ja' : 'en') });
}, firstBuildTimeoutMs);

afterAll(async () => {
  idle?.stop();
  await sandboxes?.remove();
}, 60_000);

describe('idle pause and return', () => {
  it('an idle learner is paused with files and history kept; their return resumes the sandbox', async () => {
    const shell = await sandbox.openShell('lrn-away', { cols: 100, rows: 30 });
    const out = readShell(shell);
    await out.waitFor(prompt, 30_000);
    shell.write(enc('echo "draft of my task" > notes.txt; echo remembered-command-42\n'));
    await out.waitFor(/remembered-command-42\r?\n/);
    let exited = false;
    shell.onExit(() => (exited = true));
    // Away: no input, no check, no page. The terminal says why it ended, then the sandbox stops.
    await waitUntil('the sandbox is paused', () => paused.includes('lrn-away'));
    expect(exited).toBe(true);
    expect(out.text).toMatch(/paused after 1 min without activity\. Your files and history are kept/);
    expect(running('lrn-away')).toBe('false');
    expect((await provider.status('lrn-away')).phase).toBe('paused');

    // Back: a new shell starts the sandbox again, with the file and the history of the last one.
    const back = await sandbox.openShell('lrn-away', { cols: 100, rows: 30 });
    const again = readShell(back);
    await again.waitFor(prompt, 30_000);
    // The bracket keeps this very line (also in history by now) from matching itself.
    back.write(enc('cat notes.txt; history | grep -c "remembered-command-4[2]"\n'));
    await again.waitFor(/draft of my task\r?\n1\r?\n/);
    expect(running('lrn-away')).toBe('true');
    await back.kill();
  }, 120_000);

  it('a learner whose page stays visible is not paused, though they type nothing', async () => {
    await sandbox.exec('lrn-reading', ['true'], { timeoutMs: 30_000 });
    // The page's presence beat, every half idle time, for three idle times.
    for (let beat = 0; beat < 6; beat++) {
      idle.active('lrn-reading');
      await new Promise((resolve) => setTimeout(resolve, idleMs / 2));
    }
    expect(paused).not.toContain('lrn-reading');
    expect(running('lrn-reading')).toBe('true');
    // Then the tab is hidden: no beat, and the sandbox is paused; a Check brings it back.
    await waitUntil('the reader is paused', () => paused.includes('lrn-reading'));
    const checked = await sandbox.exec('lrn-reading', ['echo', 'checked'], { timeoutMs: 30_000 });
    expect(checked.stdout).toBe('checked\n');
    expect(running('lrn-reading')).toBe('true');
  }, 120_000);

  it('a sandbox that dies says so in the learner\'s language, and offers a reset', async () => {
    const shell = await sandbox.openShell('lrn-ja', { cols: 100, rows: 30 });
    const out = readShell(shell);
    await out.waitFor(prompt, 30_000);
    idle.active('lrn-ja');
    execFileSync('docker', ['kill', `ecsw-${sandboxes.workshop}-l-lrn-ja`]);
    await out.waitFor(/サンドボックスが停止しました: 予期せず停止しました \(終了コード 137\)。.*リセット/s, 20_000);
    // The reset gives a fresh one: the learner is back at a prompt.
    expect((await provider.reset('lrn-ja')).phase).toBe('ready');
    const fresh = readShell(await sandbox.openShell('lrn-ja', { cols: 100, rows: 30 }));
    await fresh.waitFor(prompt, 30_000);
  }, 120_000);
});
