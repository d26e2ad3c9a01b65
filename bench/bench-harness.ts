import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { ClientOp, frame, ServerOp, u32 } from '../src/shared/terminal-protocol.ts';
import { signIn } from '../tests/harness/sign-in.ts';

export interface BenchServer {
  pid: number;
  port: number;
  secret: string;
  /** The session cookie of a signed-in browser, which the terminal upgrade requires. */
  cookie: string;
  rssBytes(): number;
  /** CPU seconds (user + system) the server process has used so far, from /proc. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/**
 * Starts bench-server.ts under this Node with a throwaway HOME and bash as the shell. For tuning:
 * BENCH_LIMITS (JSON, e.g. '{"batchMs":4}') overrides the terminal's flow limits, and
 * BENCH_SERVER_ARGS adds Node options to the server (e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof').
 */
export async function startBenchServer(): Promise<BenchServer> {
  const home = mkdtempSync(join(tmpdir(), 'ecs-workbook-bench-'));
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_SERVER_ARGS?.split(' ') ?? []), join(import.meta.dirname, 'bench-server.ts')], {
    env: { BENCH_LIMITS: process.env.BENCH_LIMITS ?? '{}', PATH: process.env.PATH, HOME: home, SHELL: '/bin/bash', USER: process.env.USER ?? 'bench', LANG: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const { port, secret, signInToken } = JSON.parse(first) as { port: number; secret: string; signInToken: string };
  const cookie = await signIn(`http://127.0.0.1:${port}`, signInToken);
  return {
    pid: child.pid!,
    port,
    secret,
    cookie,
    rssBytes: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024,
    cpuSeconds: () => {
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime (fields 14 and 15) in clock ticks, 100 a second on Linux.
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export interface BenchClient {
  ws: WebSocket;
  type(text: string): void;
  ack(bytes: number): void;
  /** Called with each output payload (after the replay). */
  onOutput: (payload: Buffer) => void;
}

/** Connects as the owner and resolves once the shell has printed its first prompt. */
export async function connectBenchClient(server: BenchServer, cols = 120, rows = 40): Promise<BenchClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/terminal`, { headers: { origin: `http://127.0.0.1:${server.port}`, cookie: server.cookie }, perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const client: BenchClient = {
    ws,
    type: (text) => ws.send(frame(ClientOp.input, Buffer.from(text))),
    ack: (bytes) => ws.send(frame(ClientOp.ack, u32(bytes))),
    onOutput: () => {},
  };
  let ready: () => void;
  const prompted = new Promise<void>((resolve) => (ready = resolve));
  ws.on('message', (data: Buffer) => {
    if (data[0] === ServerOp.output) {
      client.onOutput(data.subarray(1));
      if (/[$#] $/.test(data.subarray(-4).toString('latin1'))) ready();
    }
  });
  ws.send(frame(ClientOp.hello, Buffer.from(JSON.stringify({ token: server.secret, cols, rows }))));
  await prompted;
  return client;
}

/**
 * Finds `marker` in a byte stream, across chunk boundaries. Only the few bytes around a boundary
 * are copied: joining every chunk to the last one copied all 100 MB of the throughput run again,
 * work no browser does, and the bench client shares the two cores with the server it measures.
 */
export function markerWatcher(marker: string) {
  const needle = Buffer.from(marker);
  const keep = needle.length - 1;
  let tail = Buffer.alloc(0);
  return (chunk: Buffer): boolean => {
    const across = Buffer.concat([tail, chunk.subarray(0, keep)]);
    const found = across.includes(needle) || chunk.includes(needle);
    tail = chunk.length >= keep ? Buffer.from(chunk.subarray(chunk.length - keep)) : across.subarray(Math.max(0, across.length - keep));
    return found;
  };
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
