// Ctrl-C during a `yes` flood with a slow browser: a simulated parser that handles R MB/s (5 MB/s,
// the slow end of xterm.js) and acks what it parsed. Time from sending ^C until the parser reaches
// the new prompt. Goal: <= 200 ms.
import { setTimeout as sleep } from 'node:timers/promises';
import { connectBenchClient, markerWatcher, median, startBenchServer } from './bench-harness.ts';

const rates = (process.env.BENCH_PARSER_MBPS ?? '5,2').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);

async function once(rateMBps: number): Promise<{ ms: number; peakBacklog: number }> {
  const server = await startBenchServer();
  try {
    const client = await connectBenchClient(server);
    client.type("PS1='__P$((6*7))__ '\r");
    await sleep(200);
    const queue: Buffer[] = [];
    let queued = 0;
    let peakBacklog = 0;
    client.onOutput = (payload) => {
      queue.push(payload);
      queued += payload.length;
      peakBacklog = Math.max(peakBacklog, queued);
    };
    let watch: ((chunk: Buffer) => boolean) | undefined;
    let reached: (() => void) | undefined;
    let parsedSinceAck = 0;
    const perTick = (rateMBps * 1e6) / 100;
    const parser = setInterval(() => {
      let budget = perTick;
      while (budget > 0 && queue.length > 0) {
        const head = queue[0]!;
        const take = head.subarray(0, budget);
        if (take.length === head.length) queue.shift();
        else queue[0] = head.subarray(take.length);
        budget -= take.length;
        queued -= take.length;
        parsedSinceAck += take.length;
        if (watch?.(take)) reached?.();
      }
      if (parsedSinceAck >= 32 * 1024) {
        client.ack(parsedSinceAck);
        parsedSinceAck = 0;
      }
    }, 10);
    client.type('yes\r');
    await sleep(3000);
    const prompt = new Promise<void>((resolve) => (reached = resolve));
    watch = markerWatcher('__P42__');
    const start = performance.now();
    client.type('\x03');
    await prompt;
    const ms = performance.now() - start;
    clearInterval(parser);
    client.ws.terminate();
    return { ms, peakBacklog };
  } finally {
    await server.stop();
  }
}

for (const rate of rates) {
  const results: number[] = [];
  let peak = 0;
  for (let run = 0; run < runs; run++) {
    const { ms, peakBacklog } = await once(rate);
    results.push(ms);
    peak = Math.max(peak, peakBacklog);
  }
  const ms = median(results);
  console.log(`Ctrl-C to prompt with a ${rate} MB/s browser: ${ms.toFixed(0)} ms median of ${runs} [${results.map((r) => r.toFixed(0)).join(', ')}], peak client backlog ${(peak / 1024).toFixed(0)} KiB (goal <= 200 ms) ${ms <= 200 ? 'MET' : 'NOT MET'}`);
}
