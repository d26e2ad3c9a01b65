// What the server's replay mirrors cost in memory, per terminal session: N ScreenMirrors (the
// class every session uses) each fed a screenful of prompt lines, or a full scrollback, then
// snapshotted once (as a tab attaching does). Prints the process's RSS growth per session.
//
//   node bench/mirror-memory.ts [-- --sessions N] [--lines L]
//
// Each mirror's headless terminal lives on a worker thread shared by all sessions; a worker of
// its own each cost about 25 MiB per session, the bulk of the workshop server's memory per learner.
import { parseArgs } from 'node:util';
import { ScreenMirror } from '../src/server/terminal/screen-mirror.ts';

const { values: args } = parseArgs({ options: { sessions: { type: 'string', default: '30' }, lines: { type: 'string', default: '40' } } });
const sessions = Number(args.sessions);
const lines = Number(args.lines);
const rssMiB = () => process.memoryUsage().rss / 1024 / 1024;
const line = new TextEncoder().encode(`learner@sandbox:~/work$ ${'x'.repeat(90)}\r\n`);
const output = new Uint8Array(line.length * lines);
for (let i = 0; i < lines; i++) output.set(line, i * line.length);

const before = rssMiB();
const mirrors = Array.from({ length: sessions }, () => new ScreenMirror({ cols: 120, rows: 40, scrollback: 2000, backlogBytes: 4 * 1024 * 1024, onTitle: () => {} }));
for (const mirror of mirrors) mirror.write(output.slice());
await Promise.all(mirrors.map((mirror) => mirror.snapshot()));
await new Promise((resolve) => setTimeout(resolve, 1000));
const after = rssMiB();
console.log(`${sessions} screen mirrors, ${lines} lines of output each: RSS ${before.toFixed(0)} → ${after.toFixed(0)} MiB, ${((after - before) / sessions).toFixed(2)} MiB per session`);
for (const mirror of mirrors) mirror.dispose();
