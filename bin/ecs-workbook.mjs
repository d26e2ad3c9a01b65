#!/usr/bin/env node
// Plain JavaScript on purpose: it must run on any Node to say clearly when that Node is too old.
// The workbook itself is TypeScript that Node 22.18+ runs directly (type stripping).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18) || !process.features?.typescript) {
  console.error(
    `ECS Workbook needs Node.js 22.18 or newer; this is Node ${process.versions.node}.\n` +
      'Run it through npm (npm start, npx ecs-workbook …), which uses the Node 24 the project installs,\n' +
      'or install Node 24 from https://nodejs.org/.',
  );
  process.exit(1);
}

const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Every command but the servers (`start`, `workshop`) is done once main returns: a socket an SDK or
// engine client still holds open must not keep the process (and a script waiting on it) alive past its answer.
if (process.argv[2] !== 'start' && !(process.argv[2] === 'workshop' && process.argv[3] !== 'stop' && code === 0)) setTimeout(() => process.exit(code), 1000).unref();
