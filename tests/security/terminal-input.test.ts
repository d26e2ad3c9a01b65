/**
 * Input for a shell that does not read it (a paste while a program holds stdin) waits in the
 * server only up to a bound; beyond it the tab is told, and the shell still answers afterwards.
 * A real shell on a real pty; the "tab" is a viewer that records what the session sends it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLocalShell } from '../../src/sandbox/local-shell.ts';
import { ServerOp } from '../../src/shared/terminal-protocol.ts';
import type { ShellProcess } from '../../src/sandbox/shell-process.ts';
import { TerminalSession, type Viewer } from '../../src/server/terminal/terminal-session.ts';
import { waitUntil } from '../integration/terminal/terminal-harness.ts';

const home = mkdtempSync(join(tmpdir(), 'ecs-workbook-input-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('terminal input', () => {
  it('is bounded while the shell does not read: the tab is told, and the shell answers once the program ends', async () => {
    const inputQueue = 64 * 1024;
    let shell: ShellProcess | undefined;
    const shellOptions = { learnerEnv: { HOME: home, SHELL: '/bin/bash', PATH: process.env.PATH, TERM: 'xterm-256color' }, workspace: () => home };
    const session = new TerminalSession({ size: { cols: 100, rows: 30 }, idleMs: 60_000, limits: { inputQueue }, openShell: async (size) => (shell = openLocalShell(shellOptions, size)) });
    let text = '';
    const decoder = new TextDecoder();
    let attachment: ReturnType<TerminalSession['attach']>;
    const viewer: Viewer = {
      role: 'owner',
      send: (frame) => {
        if (frame[0] === ServerOp.output) {
          text += decoder.decode(frame.subarray(1), { stream: true });
          queueMicrotask(() => attachment.ack(frame.byteLength - 1));
        }
      },
      bufferedAmount: () => 0,
      close: () => {},
    };
    attachment = session.attach(viewer, { cols: 100, rows: 30 });
    try {
      attachment.input(new TextEncoder().encode('echo ready-$((20+22))\r'));
      await waitUntil(() => text.includes('ready-42'), 10_000, 'the shell is ready');
      // A program that holds the terminal and reads nothing: the pty's input buffer fills.
      attachment.input(new TextEncoder().encode('sleep 6\r'));
      await new Promise((done) => setTimeout(done, 300));
      // A 4 MiB paste of comment lines, in frames of the size the browser sends.
      const line = `# ${'x'.repeat(60)}\n`;
      const frame = new TextEncoder().encode(line.repeat(Math.floor(60_000 / line.length)));
      let most = 0;
      for (let sent = 0; sent < 4 * 1024 * 1024; sent += frame.byteLength) {
        attachment.input(frame);
        most = Math.max(most, shell!.pendingInput!());
        await new Promise((done) => setImmediate(done));
      }
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(inputQueue);
      await waitUntil(() => text.includes('is not reading its input'), 5_000, 'the tab is told its input is dropped');
      expect(text.match(/is not reading its input/g)!.length).toBe(1);
      // Once the program ends, the shell reads what waited (comment lines) and answers again.
      await waitUntil(() => shell!.pendingInput!() === 0, 30_000, 'the shell read the waiting input');
      attachment.input(new TextEncoder().encode('echo after-$((6*7))\r'));
      await waitUntil(() => text.includes('after-42'), 20_000, 'the shell answers after Ctrl-C');
    } finally {
      await session.kill();
    }
  }, 60_000);
});
