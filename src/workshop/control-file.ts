/**
 * How `ecs-workbook workshop stop` finds the running workshop: a file in the workshop's data folder,
 * readable by its owner only (0600), naming the server's address, its process and a secret made for
 * this launch. Whoever can read the data folder may stop the workshop (they could delete its store
 * anyway); nobody else can, since the stop request must carry the secret.
 *
 * The file also names the workshop's id, so a stop after a crash (the process is gone) still finds
 * and removes every sandbox, network and volume the workshop made.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const controlFileName = 'workshop-control.json';

export const controlFileSchema = z
  .object({
    workshop: z.string().describe('The workshop\'s opaque id, in every Docker name and label it made.'),
    url: z.url().describe('Where the running server answers (scheme, host, port).'),
    pid: z.number().int().positive().describe('The server\'s process id, to tell a running server from a crashed one.'),
    secret: z.string().min(32).describe('This launch\'s control secret; the stop request carries it as a bearer token.'),
    startedAt: z.string().describe('When the server started (ISO 8601).'),
  })
  .describe('The running workshop server, as `workshop stop` finds it in the data folder.');
export type ControlFile = z.infer<typeof controlFileSchema>;

export const controlPath = (dataDir: string) => join(dataDir, controlFileName);

/** Writes the file for this launch (atomically, 0600) and returns what it holds. */
export function writeControlFile(dataDir: string, server: Pick<ControlFile, 'workshop' | 'url'>, pid = process.pid): ControlFile {
  const control: ControlFile = { ...server, pid, secret: randomBytes(32).toString('base64url'), startedAt: new Date().toISOString() };
  const temporary = `${controlPath(dataDir)}.${pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(control, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, controlPath(dataDir));
  return control;
}

export class NoWorkshopError extends Error {
  override name = 'NoWorkshopError';
}

export function readControlFile(dataDir: string): ControlFile {
  let text: string;
  try {
    text = readFileSync(controlPath(dataDir), 'utf8');
  } catch {
    throw new NoWorkshopError(`No workshop has run in ${dataDir} (there is no ${controlFileName}). Give the same --data-dir as the workshop was started with.`);
  }
  const parsed = controlFileSchema.safeParse((() => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  })());
  if (!parsed.success) throw new NoWorkshopError(`${controlPath(dataDir)} is damaged. Stop the workshop server with Ctrl-C in its window; its sandboxes go with it.`);
  return parsed.data;
}

/** Removes the file, only if it is still this launch's (a newer server may have replaced it). */
export function removeControlFile(dataDir: string, secret: string): void {
  try {
    if (readControlFile(dataDir).secret === secret) rmSync(controlPath(dataDir), { force: true });
  } catch {
    // Already gone.
  }
}
