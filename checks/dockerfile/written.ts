/**
 * dockerfile/written: the Dockerfile in the workspace has the instructions lesson 02 asks for
 * (FROM, WORKDIR, COPY, RUN, EXPOSE 3000, CMD). Another base image or extra instructions are fine.
 */
import { join } from 'node:path';
import { defineCheck, type CheckItem, type CheckResult } from '../../src/checks/check-contract.ts';
import { baseImage, exposedPorts, parseDockerfile } from './parse-dockerfile.ts';
import { writeDockerfileCommand } from './sample-dockerfile.ts';
import { shellQuote } from '../../src/lessons/command-variables.ts';
import { found, missingResource } from '#check-kit';

export interface WrittenSnapshot {
  path: string;
  /** The file's text, or null when it could not be read (then `readError` says why). */
  text: string | null;
  readError?: string;
  /** Other Dockerfiles one folder down, when the workspace has none. */
  elsewhere: string[];
}

/** Instructions the lesson asks for; `required` ones break the build or later lessons when missing. */
const asked: { keyword: string; required: boolean }[] = [
  { keyword: 'FROM', required: true },
  { keyword: 'WORKDIR', required: false },
  { keyword: 'COPY', required: true },
  { keyword: 'RUN', required: false },
  { keyword: 'EXPOSE', required: true },
  { keyword: 'CMD', required: true },
];

export default defineCheck<WrittenSnapshot>({
  id: 'dockerfile/written',
  // Look yourself: what this Check reads, as commands a learner can run without the workbook.
  look: [
    "cat {{workspace}}/Dockerfile",
  ],
  async observe(ctx) {
    const path = join(ctx.vars.workspace, 'Dockerfile');
    // Kept out of the captured-error shape on purpose: a missing file is the learner's state, not
    // a failure to look (and its path mentions "Dockerfile", which reads like a Docker error).
    const read = await ctx.files.read(path).then((text) => ({ text }), (error: NodeJS.ErrnoException) => ({ text: null, readError: error.code ?? error.message }));
    const elsewhere: string[] = [];
    if (read.text === null) {
      const entries = await ctx.files.list(ctx.vars.workspace).catch(() => []);
      for (const entry of entries) {
        if (!entry.folder || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const candidate = join(ctx.vars.workspace, entry.name, 'Dockerfile');
        if (await ctx.files.read(candidate).then(() => true, () => false)) elsewhere.push(candidate);
      }
    }
    return { path, ...read, elsewhere };
  },
  judge(snapshot, vars): CheckResult {
    const resources = found('dockerfile', 'local', snapshot.path, { name: snapshot.path });
    if (snapshot.text === null) {
      const found = snapshot.elsewhere[0];
      return {
        status: 'fail',
        summary: { key: 'dockerfile.written.missing', params: { path: snapshot.path } },
        items: [{
          id: 'file', status: 'fail', label: { key: 'dockerfile.written.file.label', params: { path: snapshot.path } },
          expected: snapshot.path, actual: found ?? snapshot.readError ?? { key: 'value.missing' },
          hint: found ? { key: 'dockerfile.written.file.elsewhere', params: { found } } : { key: 'dockerfile.written.file.hint' },
          fix: found ? `cp ${shellQuote(found)} ${shellQuote(snapshot.path)}` : writeDockerfileCommand(vars.workspace),
        }],
        resources: missingResource('dockerfile', 'local', snapshot.path),
      };
    }
    const instructions = parseDockerfile(snapshot.text);
    const items: CheckItem[] = [{ id: 'file', status: 'pass', label: { key: 'dockerfile.written.file.label', params: { path: snapshot.path } } }];
    for (const { keyword, required } of asked) {
      const present = instructions.find((instruction) => instruction.keyword === keyword);
      const id = keyword.toLowerCase();
      if (keyword === 'EXPOSE' && present) {
        const ports = exposedPorts(instructions);
        const ok = ports.includes(3000);
        items.push({
          id, status: ok ? 'pass' : 'fail', label: { key: 'dockerfile.written.expose.label' },
          ...(!ok && { expected: 'EXPOSE 3000', actual: `EXPOSE ${ports.join(' ')}`, hint: { key: 'dockerfile.written.expose.other-port' }, fix: `sed -i.bak 's/^EXPOSE .*/EXPOSE 3000/' ${shellQuote(snapshot.path)}` }),
        });
        continue;
      }
      if (keyword === 'FROM' && present) {
        const base = baseImage(instructions) ?? present.args;
        const usual = /busybox/.test(base);
        items.push({
          id, status: usual ? 'pass' : 'warn', label: { key: 'dockerfile.written.from.label' }, actual: base,
          ...(!usual && { expected: { key: 'value.lesson-base-image' }, hint: { key: 'dockerfile.written.from.other-base' } }),
        });
        continue;
      }
      items.push({
        id, status: present ? 'pass' : required ? 'fail' : 'warn', label: { key: `dockerfile.written.${id}.label` },
        ...(!present && { expected: keyword, actual: { key: 'value.missing' }, hint: { key: `dockerfile.written.${id}.missing` } }),
      });
    }
    const failed = items.some((item) => item.status === 'fail');
    return {
      status: failed ? 'fail' : 'pass',
      summary: { key: failed ? 'dockerfile.written.fail' : 'dockerfile.written.pass', params: { count: instructions.length } },
      items,
      resources: resources.map((resource) => ({ ...resource, presence: failed ? 'exists' : 'healthy' })),
    };
  },
});
