/**
 * The server always starts, whatever state the progress file is in: a damaged file is moved aside
 * (the learner's settings kept), a file that cannot be opened at all is replaced by a temporary
 * store, and either way the learner is told what happened.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createWorkbook, type Workbook } from '../../src/server/workbook.ts';
import { soloLearner } from '../../src/shared/principal.ts';
import { writeDamagedStore } from '../harness/damaged-store.ts';
import { freePort } from '../harness/moto.ts';

const savedEnv = { ...process.env };
const cleanup: (() => Promise<void> | void)[] = [];
beforeAll(() => {
  Object.assign(process.env, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' });
});
afterAll(() => {
  process.env = savedEnv;
});
afterEach(async () => {
  for (const undo of cleanup.splice(0)) await undo();
});

async function start(dataDir: string): Promise<string> {
  const port = await freePort();
  const workbook: Workbook = createWorkbook({ host: '127.0.0.1', port, dataDir, resolvePrincipal: () => soloLearner });
  const server: Server = createServer((req, res) => void workbook.handleRequest(req, res, () => { res.writeHead(404); res.end(); }));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanup.unshift(async () => {
    await workbook.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${port}`;
}

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'wb-trouble-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the server and a troubled progress file', () => {
  it('starts on a damaged file, keeps the learner’s settings and says the file was moved aside', async () => {
    const dir = folder();
    writeDamagedStore(dir, { local: { prefix: 'kim' } });

    const base = await start(dir);
    const progress = (await (await fetch(`${base}/api/progress?lang=en`)).json()) as { statuses: unknown; notice?: string };
    expect(progress.statuses).toEqual({});
    expect(progress.notice).toMatch(/could not be read .*moved to .*Your settings were kept/);
    const settings = (await (await fetch(`${base}/api/settings`)).json()) as { settings: unknown };
    expect(settings.settings).toEqual({ prefix: 'kim' });
  });

  it('starts when the file cannot be used at all, on a temporary store, and says so', async () => {
    // A file a newer workbook wrote: this one must not touch it (a folder where the file should be
    // is the learner's --data-dir mistake instead, refused with one line and exit 3).
    const dir = folder();
    const db = new DatabaseSync(join(dir, 'progress.sqlite'));
    db.exec('PRAGMA user_version = 99');
    db.close();
    const base = await start(dir);
    const progress = (await (await fetch(`${base}/api/progress?lang=en`)).json()) as { notice?: string };
    expect(progress.notice).toMatch(/could not be used .*newer than this ECS Workbook knows.*progress is kept in a temporary folder and is lost when the workbook stops/);
  });
});

describe('a store that fails while the server runs', () => {
  it('answers a Check with "could not check" and the fix, and the server goes on', async () => {
    const dir = folder();
    const base = await start(dir);
    // The file loses a table under the running server (as a tool, or damage, can do to it).
    const db = new DatabaseSync(join(dir, 'progress.sqlite'));
    db.exec('DROP TABLE step_state');
    db.close();
    const run = await fetch(`${base}/api/checks/run`, { method: 'POST', headers: { origin: base, 'content-type': 'application/json' }, body: JSON.stringify({ step: 'setup/docker' }) });
    expect(run.status).toBe(503);
    expect(await run.json()).toEqual({ couldNotCheck: true, error: expect.stringMatching(/^The progress file .* could not be used \(.*no such table: step_state.*\)\. Check that the folder is writable/) });
    // The server goes on answering (its background poll keeps running too).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await fetch(`${base}/api/settings`)).status).toBe(200);
  });
});
