// `npm run bench:terminal`: the four terminal figures, one after the other, each in its own process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

for (const script of ['terminal-throughput.ts', 'terminal-echo.ts', 'terminal-stalled-client.ts', 'terminal-interrupt.ts']) {
  const result = spawnSync(process.execPath, [join(import.meta.dirname, script)], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = 1;
}
