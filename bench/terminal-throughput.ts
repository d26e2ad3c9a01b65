// Output throughput: 100 MB through `cat` in the workbook terminal (server + WebSocket client
// acking like a browser that keeps up), beside the raw pty read (node-pty alone) in the same run.
// Goal: the terminal reaches at least 80% of the raw pty.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node-pty';
import { connectBenchClient, markerWatcher, median, startBenchServer } from './bench-harness.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const dataFile = join(tmpdir(), 'ecs-workbook-bench-100m.txt');
if (!existsSync(dataFile) || statSync(dataFile).size < 100_000_000) {
  console.log('Making 100 MB of base64 lines (once)…');
  execSync(`head -c 75000000 /dev/urandom | base64 -w 76 > ${dataFile}`);
}
const MB = 1e6;

async function rawPty(): Promise<{ bytes: number; seconds: number }> {
  const start = performance.now();
  let bytes = 0;
  const pty = spawn('cat', [dataFile], { cols: 120, rows: 40, encoding: null, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' } });
  pty.onData((chunk) => (bytes += (chunk as unknown as Buffer).length));
  await new Promise((resolve) => pty.onExit(resolve));
  return { bytes, seconds: (performance.now() - start) / 1000 };
}

async function throughTerminal(): Promise<{ bytes: number; seconds: number; serverCpu: number }> {
  const server = await startBenchServer();
  try {
    const client = await connectBenchClient(server);
    const seen = markerWatcher('__END7__');
    let bytes = 0;
    let unacked = 0;
    const done = new Promise<void>((resolve) => {
      client.onOutput = (payload) => {
        bytes += payload.length;
        unacked += payload.length;
        // A browser that keeps up: acks as soon as it has the bytes, every 32 KiB.
        if (unacked >= 32 * 1024) {
          client.ack(unacked);
          unacked = 0;
        }
        if (seen(payload)) resolve();
      };
    });
    const start = performance.now();
    const cpuBefore = server.cpuSeconds();
    client.type(`cat ${dataFile}; echo __END$((3+4))__\r`);
    await done;
    return { bytes, seconds: (performance.now() - start) / 1000, serverCpu: server.cpuSeconds() - cpuBefore };
  } finally {
    await server.stop();
  }
}

const raw: number[] = [];
const terminal: number[] = [];
for (let run = 1; run <= runs; run++) {
  const r = await rawPty();
  const t = await throughTerminal();
  raw.push(r.bytes / MB / r.seconds);
  terminal.push(t.bytes / MB / t.seconds);
  console.log(`run ${run}: raw pty ${(r.bytes / MB).toFixed(1)} MB in ${r.seconds.toFixed(2)} s = ${raw.at(-1)!.toFixed(1)} MB/s; terminal ${(t.bytes / MB).toFixed(1)} MB in ${t.seconds.toFixed(2)} s = ${terminal.at(-1)!.toFixed(1)} MB/s, server CPU ${t.serverCpu.toFixed(2)} s`);
}
const ratio = median(terminal) / median(raw);
console.log(`throughput: terminal ${median(terminal).toFixed(1)} MB/s, raw pty ${median(raw).toFixed(1)} MB/s (medians of ${runs}) = ${(ratio * 100).toFixed(0)}% of raw (goal >= 80%) ${ratio >= 0.8 ? 'MET' : 'NOT MET'}`);
