/**
 * The server the room's browser spec runs against, as a process of its own: the built site, the
 * instructor's room and take-control wired as a workshop wires them, and a sign-in by cookie
 * (`who=ana`, `who=ben`, `who=teacher`; tests/harness/room-server.ts). Prints "ready" when it listens.
 *
 *   node tests/e2e/room/serve-room.ts <port> <data folder>
 */
import { startRoomServer } from '../../harness/room-server.ts';

const [port, dataDir] = process.argv.slice(2);
if (!port || !dataDir) {
  console.error('Usage: node tests/e2e/room/serve-room.ts <port> <data folder>');
  process.exit(4);
}
const server = await startRoomServer({ port: Number(port), dataDir, pages: true, stuckAfterMinutes: Number(process.env.ROOM_STUCK_MINUTES ?? 10) });
console.log('ready');
const stop = async () => {
  // Shells get a moment to end; the port must be free for the next run either way.
  setTimeout(() => process.exit(0), 3000).unref();
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
