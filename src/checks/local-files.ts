/** `ctx.files` on this machine: the learner's files are the server's (solo mode). */
import { readdir, readFile } from 'node:fs/promises';
import type { CheckFiles } from './check-contract.ts';

export const localFiles: CheckFiles = {
  read: (path) => readFile(path, 'utf8'),
  list: async (folder) => (await readdir(folder, { withFileTypes: true })).map((entry) => ({ name: entry.name, folder: entry.isDirectory() })),
};
