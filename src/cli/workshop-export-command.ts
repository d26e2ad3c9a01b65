/**
 * `ecs-workbook workshop export [--format csv|json] [--data-dir D]`: the workshop's results,
 * learners × steps (status, time of the first pass, number of attempts), printed on stdout from the
 * workshop's SQLite file. It only reads the file: a running workshop server keeps writing to it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { course } from '../../lessons/course.ts';
import { readConfig } from '../config.ts';
import { UsageError } from '../server/server-options.ts';
import { buildExport, exportFormats, formatExport, readAttemptRows, type ExportFormat } from '../server/room/progress-export.ts';
import { dataDir, storeFileName } from '../settings/data-dir.ts';

export const workshopExportUsage = `Usage: ecs-workbook workshop export [--format csv|json] [--data-dir DIR]
Prints every learner's result per step (status, first pass, attempts) from the workshop's progress file.
  --format csv|json   csv (default) or json
  --data-dir DIR      the workshop's data folder (default: ECS_WORKBOOK_DATA_DIR, else your data folder)`;

export interface ExportOptions {
  format: ExportFormat;
  dataDir: string;
  /** Display names by learner id, when the workshop's learner directory is known to the caller. */
  nameOf?: (learner: string) => string | undefined;
}

export function parseExportArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ExportOptions {
  let format: ExportFormat = 'csv';
  let folder = dataDir(readConfig(env).dataDir, env);
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => {
      const given = inline ?? argv[++i];
      if (!given) throw new UsageError(`${flag} needs a value.\n\n${workshopExportUsage}`);
      return given;
    };
    if (flag === '--format') {
      const given = value();
      if (!(exportFormats as readonly string[]).includes(given)) throw new UsageError(`--format must be csv or json, not "${given}".\n\n${workshopExportUsage}`);
      format = given as ExportFormat;
    } else if (flag === '--data-dir') folder = resolve(value());
    else throw new UsageError(`Unknown option "${argv[i]}".\n\n${workshopExportUsage}`);
  }
  return { format, dataDir: folder };
}

/**
 * The learners who joined and their display names, from the workshop's learner directory (the
 * workshop server's `workshop_learners` table); empty for a solo progress file, which has none.
 */
function readLearnerDirectory(db: DatabaseSync): Map<string, string> {
  try {
    const rows = db.prepare('SELECT id, display_name FROM workshop_learners ORDER BY joined_at, id').all() as { id: string; display_name: string }[];
    return new Map(rows.map((row) => [String(row.id), String(row.display_name)]));
  } catch {
    return new Map();
  }
}

/** The export's text, or throws an Error that says which folder to pass. */
export function exportWorkshop(options: ExportOptions): string {
  const file = join(options.dataDir, storeFileName);
  if (!existsSync(file)) throw new Error(`No workshop progress file at ${file}. Pass --data-dir with the folder the workshop used (its --data-dir).`);
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    let rows;
    try {
      rows = readAttemptRows(db);
    } catch (error) {
      throw new Error(`${file} is not a workbook progress file (${(error as Error).message}). Pass --data-dir with the folder the workshop used.`);
    }
    const directory = readLearnerDirectory(db);
    const nameOf = options.nameOf ?? ((learner: string) => directory.get(learner));
    return formatExport(buildExport(rows, { steps: course.stepIds(), learners: [...directory.keys()], nameOf }), options.format);
  } finally {
    db.close();
  }
}

/** The command; returns the exit code (0 printed, 3 the file could not be read, 4 bad usage). */
export function workshopExportCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(workshopExportUsage);
    return 0;
  }
  let options: ExportOptions;
  try {
    options = parseExportArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 4;
  }
  try {
    process.stdout.write(exportWorkshop(options));
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 3;
  }
}
