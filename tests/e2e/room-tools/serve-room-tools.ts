/**
 * The server the room tools' browser spec runs against, as a process of its own: the built site,
 * the instructor's room and the room tools plugged in as a workshop plugs them, real local shells, one SQLite file, and a
 * sign-in by cookie (`who=ana`, `who=ben`, `who=teacher`). Prints "ready" when it listens.
 *
 *   node tests/e2e/room-tools/serve-room-tools.ts <port> <data folder>
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import send from 'send';
import { courseChecks } from '../../../checks/index.ts';
import { createControlGrants } from '../../../src/instructor/control-grants.ts';
import { instructorCredentials } from '../../../src/instructor/instructor-credentials.ts';
import { createInstructorRoom } from '../../../src/instructor/instructor-feature.ts';
import { createRoomTools } from '../../../src/server/room/room-feature.ts';
import { serveWorkbook } from '../../../src/server/serve-workbook.ts';
import { createWorkbook, type Workbook } from '../../../src/server/workbook.ts';
import type { Principal } from '../../../src/shared/principal.ts';

const [port, dataDir] = process.argv.slice(2);
if (!port || !dataDir) {
  console.error('Usage: node tests/e2e/room-tools/serve-room-tools.ts <port> <data folder>');
  process.exit(4);
}
const people: Record<string, Principal> = {
  ana: { kind: 'learner', id: 'ana' },
  ben: { kind: 'learner', id: 'ben' },
  teacher: { kind: 'instructor', id: 'teacher' },
};
const names: Record<string, string> = { ana: 'Ana Silva', ben: 'Ben Okafor' };

type AstroHandler = (req: unknown, res: unknown, next: undefined, locals: Pick<App.Locals, 'workbook'>) => Promise<void>;
const root = process.cwd();
const { handler } = (await import(pathToFileURL(join(root, 'dist', 'server', 'entry.mjs')).href)) as { handler: AstroHandler };

const grants = createControlGrants({ dataDir });
let workbook: Workbook | undefined;
workbook = createWorkbook({
  host: '127.0.0.1',
  port: Number(port),
  dataDir,
  resolvePrincipal: (req) => {
    const who = /(?:^|;\s*)who=([a-z]+)/.exec(req.headers.cookie ?? '')?.[1];
    return who ? people[who] : undefined;
  },
  terminal: { authenticate: instructorCredentials(() => workbook!.launchSecret), mayControl: grants.mayControl },
  // The room page (grid, diagnosis, one learner) and the room tools, as a workshop composes them.
  features: (parts) => {
    const tools = createRoomTools(parts, { checks: courseChecks, nameOf: (id) => names[id], learners: () => ['ana', 'ben'] });
    // The grid marks and filters raised hands from the tools' queue.
    const handRaised = (id: string) => tools.store.queue().some((hand) => hand.learner === id);
    return [createInstructorRoom({ parts, grants, learners: () => ['ana', 'ben'], learnerName: (id) => names[id] ?? id, handRaised }), tools];
  },
});
const render = (req: IncomingMessage, res: ServerResponse) => {
  res.setHeader('cache-control', 'no-store');
  return handler(req, res, undefined, { workbook: workbook!.localsFor(req) });
};
const server = createServer();
serveWorkbook(server, workbook, (req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (req.method !== 'GET' || path.endsWith('/')) return render(req, res);
  return new Promise<void>((resolve) => {
    send(req, path, { root: join(root, 'dist', 'client'), index: false, dotfiles: 'deny' })
      .on('error', () => resolve(render(req, res)))
      .on('end', resolve)
      .pipe(res)
      .on('close', resolve);
  });
});
await new Promise<void>((resolve) => server.listen(Number(port), '127.0.0.1', resolve));
console.log('ready');
const stop = async () => {
  await workbook!.close();
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
