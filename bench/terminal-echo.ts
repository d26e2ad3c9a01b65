// Keystroke echo round trip through the workbook terminal: send one character to `cat` in the
// shell and wait for the line discipline's echo. Goal: p99 <= 2 ms.
import { setTimeout as sleep } from 'node:timers/promises';
import { connectBenchClient, percentile, startBenchServer } from './bench-harness.ts';

const samples = Number(process.env.BENCH_SAMPLES ?? 2000);
const warmup = 50;
const server = await startBenchServer();
try {
  const client = await connectBenchClient(server);
  client.type('cat\r');
  await sleep(300);
  let waiting: ((payload: Buffer) => void) | undefined;
  let unacked = 0;
  client.onOutput = (payload) => {
    unacked += payload.length;
    if (unacked >= 32 * 1024) {
      client.ack(unacked);
      unacked = 0;
    }
    waiting?.(payload);
  };
  const times: number[] = [];
  for (let i = 0; i < samples + warmup; i++) {
    if (i % 200 === 199) {
      // End the line now and then: a canonical-mode line holds at most 4095 characters.
      client.type('\r');
      await sleep(20);
    }
    const echoed = new Promise<void>((resolve) => (waiting = (payload) => payload.includes(0x61) && resolve()));
    const start = performance.now();
    client.type('a');
    await echoed;
    if (i >= warmup) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const p99 = percentile(times, 99);
  console.log(`echo round trip over ${samples} keystrokes: p50 ${percentile(times, 50).toFixed(3)} ms, p90 ${percentile(times, 90).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${times.at(-1)!.toFixed(3)} ms (goal p99 <= 2 ms) ${p99 <= 2 ? 'MET' : 'NOT MET'}`);
} finally {
  await server.stop();
}
