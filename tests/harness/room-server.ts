/**
 * A workbook server with two learners and an instructor, the instructor's room and the room tools
 * (raised hands feed the grid's ✋) plugged in through `features`, and the take-control grants wired
 * to the terminal: what a workshop composes, with a
 * sign-in that maps three cookies to three principals (`who=ana`, `who=ben`, `who=teacher`).
 * Shells are this machine's (the local sandbox), each in the learner's own workspace folder.
 * With `pages`, it also serves the built site (dist/), as `npm start` does.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import send from 'send';
import { createControlGrants, type ControlGrants } from '../../src/instructor/control-grants.ts';
import { instructorCredentials } from '../../src/instructor/instructor-credentials.ts';
import { createInstructorRoom, type InstructorRoomFeature } from '../../src/instructor/instructor-feature.ts';
import { courseChecks } from '../../checks/index.ts';
import { createRoomTools, type RoomTools } from '../../src/server/room/room-feature.ts';
import { serveWorkbook } from '../../src/server/serve-workbook.ts';
import { createWorkbook, type Workbook } from '../../src/server/workbook.ts';
import type { Principal } from '../../src/shared/principal.ts';

export const roomPeople: Record<string, Principal> = {
  ana: { kind: 'learner', id: 'ana' },
  ben: { kind: 'learner', id: 'ben' },
  teacher: { kind: 'instructor', id: 'teacher' },
};
export const roomNames: Record<string, string> = { ana: 'Ana Silva', ben: 'Ben Okafor' };

export interface RoomServer {
  server: Server;
  workbook: Workbook;
  room: InstructorRoomFeature;
  tools: RoomTools;
  grants: ControlGrants;
  base: string;
  close(): Promise<void>;
}

type AstroHandler = (req: unknown, res: unknown, next: undefined, locals: Pick<App.Locals, 'workbook'>) => Promise<void>;

/** `learners`: who is in the room (a workshop's directory); default everyone the progress file knows. */
export async function startRoomServer(options: { port: number; dataDir: string; pages?: boolean; stuckAfterMinutes?: number; learners?: string[] }): Promise<RoomServer> {
  const grants = createControlGrants({ dataDir: options.dataDir });
  let room: InstructorRoomFeature | undefined;
  let tools: RoomTools | undefined;
  let workbook: Workbook | undefined;
  workbook = createWorkbook({
    host: '127.0.0.1',
    port: options.port,
    dataDir: options.dataDir,
    resolvePrincipal: (req) => {
      const who = /(?:^|;\s*)who=([a-z]+)/.exec(req.headers.cookie ?? '')?.[1];
      return who ? roomPeople[who] : undefined;
    },
    terminal: { authenticate: instructorCredentials(() => workbook!.launchSecret), mayControl: grants.mayControl },
    features: (parts) => {
      const learners = options.learners && (() => options.learners!);
      // As start-workshop.ts composes them: one progress reader, and the grid's ✋ from the queue.
      tools = createRoomTools(parts, { checks: courseChecks, nameOf: (id) => roomNames[id], ...(learners && { learners }) });
      room = createInstructorRoom({
        parts,
        grants,
        reader: tools.reader,
        ...(learners && { learners }),
        learnerName: (id) => roomNames[id] ?? id,
        handRaised: (id) => tools!.store.queue().some((hand) => hand.learner === id),
        ...(options.stuckAfterMinutes !== undefined && { stuckAfterMinutes: options.stuckAfterMinutes }),
      });
      return [tools, room];
    },
  });
  const server = createServer();
  let pages = (_req: IncomingMessage, res: ServerResponse): void | Promise<void> => {
    res.writeHead(404);
    res.end();
  };
  if (options.pages) {
    const root = process.cwd();
    const { handler } = (await import(pathToFileURL(join(root, 'dist', 'server', 'entry.mjs')).href)) as { handler: AstroHandler };
    const render = (req: IncomingMessage, res: ServerResponse) => {
      res.setHeader('cache-control', 'no-store');
      return handler(req, res, undefined, { workbook: workbook!.localsFor(req) });
    };
    pages = (req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (req.method !== 'GET' || path.endsWith('/')) return render(req, res);
      return new Promise<void>((resolve) => {
        send(req, path, { root: join(root, 'dist', 'client'), index: false, dotfiles: 'deny' })
          .on('error', () => resolve(render(req, res)))
          .on('end', resolve)
          .pipe(res)
          .on('close', resolve);
      });
    };
  }
  serveWorkbook(server, workbook, pages);
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    server,
    workbook,
    room: room!,
    tools: tools!,
    grants,
    base: `http://127.0.0.1:${options.port}`,
    async close() {
      await workbook!.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
