// The real workbook server (createWorkbook: guard, terminal feature, node-pty) in its own process,
// so the benchmarks measure its CPU and memory apart from the client's. Prints one JSON line with
// its port, launch secret and sign-in token for the bench client (a bench harness only: never do this in the app).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveWorkbook } from '../src/server/serve-workbook.ts';
import { createWorkbook } from '../src/server/workbook.ts';

const server = createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;
const workbook = createWorkbook({ host: '127.0.0.1', port, terminal: { limits: JSON.parse(process.env.BENCH_LIMITS ?? '{}') } });
serveWorkbook(server, workbook, (_req, res) => void res.end());
process.stdout.write(`${JSON.stringify({ port, secret: workbook.launchSecret, signInToken: workbook.signIn.token })}\n`);
process.on('SIGTERM', async () => {
  await workbook.close();
  process.exit(0);
});
