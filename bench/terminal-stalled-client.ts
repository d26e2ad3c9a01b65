// Server memory with a client that stops reading its socket while `yes` runs for 10 s.
// Goal: the server's RSS grows by at most 16 MB.
import { setTimeout as sleep } from 'node:timers/promises';
import { connectBenchClient, startBenchServer } from './bench-harness.ts';

const seconds = Number(process.env.BENCH_STALL_SECONDS ?? 10);
const MB = 1024 * 1024;
const server = await startBenchServer();
try {
  const client = await connectBenchClient(server);
  await sleep(500);
  const baseline = server.rssBytes();
  client.type('yes\r');
  await sleep(200);
  // Stop reading: no more acks, and the TCP socket is no longer drained.
  (client.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  const samples: number[] = [];
  for (let s = 1; s <= seconds; s++) {
    await sleep(1000);
    samples.push(server.rssBytes());
  }
  const peak = Math.max(...samples);
  const growth = (peak - baseline) / MB;
  console.log(`stalled client: server RSS ${(baseline / MB).toFixed(1)} MB before, ${samples.map((rss) => (rss / MB).toFixed(1)).join(' → ')} MB over ${seconds} s; growth ${growth.toFixed(1)} MB (goal <= 16 MB) ${growth <= 16 ? 'MET' : 'NOT MET'}`);
  client.ws.terminate();
} finally {
  await server.stop();
}
