/**
 * Opens the learner's progress store for the server and the CLI, at the edge where the data folder
 * is known: the folder is made private (0700) and the file too (0600), since progress, the account
 * id and the caller ARN are the learner's own; and whatever stops it from opening (a file where
 * the folder should be, a folder where the file should be, no permission, a read-only file) becomes
 * one `StoreOpenError` with a one-line message that says what to do, never a stack trace.
 */
import { accessSync, chmodSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { storeFileName } from '../settings/data-dir.ts';
import { openProgressStore, ProgressStoreError, type ProgressStore } from './progress-store.ts';

export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

const howToChoose = 'Choose another folder with --data-dir DIR or ECS_WORKBOOK_DATA_DIR.';

function reason(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return code && !String(message).includes(code) ? `${code}: ${message}` : String(message ?? error);
}

function tighten(path: string, mode: number) {
  try {
    chmodSync(path, mode);
  } catch {
    // Not ours to change (another owner, a read-only file system): the open below says if it matters.
  }
}

/** Creates or checks the data folder and opens the store in it. Throws StoreOpenError, or the store's ProgressStoreError. */
export function openLearnerStore(dir: string, options: Parameters<typeof openProgressStore>[1] = {}): ProgressStore {
  const file = join(dir, storeFileName);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new StoreOpenError(`The data folder ${dir} is a file, not a folder. ${howToChoose}`);
    throw new StoreOpenError(`The data folder ${dir} cannot be created (${reason(error)}). ${howToChoose}`);
  }
  if (!statSync(dir).isDirectory()) throw new StoreOpenError(`The data folder ${dir} is a file, not a folder. ${howToChoose}`);
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new StoreOpenError(`${file} is a folder, but the progress file should be there. Move that folder away, or ${howToChoose.charAt(0).toLowerCase()}${howToChoose.slice(1)}`);
    try {
      accessSync(file, constants.R_OK | constants.W_OK);
    } catch {
      throw new StoreOpenError(`The progress file ${file} cannot be written (read-only or not yours). Make it writable (chmod u+rw "${file}") or ${howToChoose.charAt(0).toLowerCase()}${howToChoose.slice(1)}`);
    }
  }
  let store: ProgressStore;
  try {
    store = openProgressStore(dir, options);
  } catch (error) {
    // The store's own verdict on a file it cannot use (damaged beyond moving aside) stays as it is:
    // the server then carries on with a temporary store, the CLI reports "could not check".
    if (error instanceof ProgressStoreError) throw error;
    throw new StoreOpenError(`The progress file ${file} cannot be opened (${reason(error)}). ${howToChoose}`);
  }
  // The folder now holds the learner's progress, account id and caller ARN: theirs alone to read.
  tighten(dir, 0o700);
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) tighten(path, 0o600);
  return store;
}
