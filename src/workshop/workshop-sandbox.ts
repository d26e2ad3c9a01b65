/**
 * The learner's sandbox as the workshop's terminal and checks see it: the Docker provider, with
 * every use counted as a sign of the learner (idle-pause.ts) and each shell's end explained.
 *
 * - Opening a shell, typing in it and running a check keep the sandbox awake; a shell or a check
 *   of a learner whose sandbox is paused starts it again (the provider does) once any pause under
 *   way has finished, so nothing runs in a sandbox that is about to stop.
 * - Before an idle pause, the learner's shells are hung up (bash writes its history on a hang-up;
 *   a container stop would kill it without), and the terminal says why it ended.
 * - When a shell ends because the sandbox died (out of memory, killed), the terminal says so and
 *   offers the way on: a new shell restarts it with its files, a reset gives a fresh one.
 */
import type { Language } from '../i18n/languages.ts';
import { useTranslations } from '../i18n/translate.ts';
import type { DockerSandboxProvider } from '../sandbox/docker-provider.ts';
import type { ExecOptions, SandboxProvider } from '../sandbox/sandbox-provider.ts';
import type { ShellProcess, ShellSize } from '../sandbox/shell-process.ts';
import type { IdlePause } from './idle-pause.ts';

type Lifecycle = Pick<DockerSandboxProvider, 'openShell' | 'exec' | 'status' | 'engineReady'>;

export interface WorkshopSandbox extends SandboxProvider {
  /** Hangs up the learner's open shells, each told `why` (in their language); resolves once they are gone. */
  endShells(learner: string, why: 'paused' | 'reset' | 'stopped' | 'time-up'): Promise<void>;
  /** Open shells, for the bench and the instructor's room. */
  openShells(learner: string): number;
}

export interface WorkshopSandboxOptions {
  provider: Lifecycle;
  idle: Pick<IdlePause, 'active' | 'settled' | 'busy'>;
  /** The idle time, in the paused notice. */
  idleMinutes: number;
  /** The learner's language, for what the terminal tells them. */
  language(learner: string): Language;
}

const notice = (text: string) => new TextEncoder().encode(`\r\n\x1b[33m[ECS Workbook] ${text}\x1b[0m\r\n`);

export function createWorkshopSandbox(options: WorkshopSandboxOptions): WorkshopSandbox {
  const shells = new Map<string, Set<{ shell: ShellProcess; endedBecause?: string }>>();

  /** What to tell the learner when their shell ended without them asking: the sandbox died. */
  async function deathNotice(learner: string): Promise<string | undefined> {
    const status = await options.provider.status(learner).catch(() => undefined);
    if (status?.phase !== 'failed') return undefined;
    const t = useTranslations(options.language(learner));
    const code = /exit code (-?\d+)/.exec(status.reason ?? '')?.[1];
    const reason = /memory/i.test(status.reason ?? '') ? t('workshop.sandbox.died-oom') : t('workshop.sandbox.died-killed', { code: code ?? '?' });
    return `${t('workshop.sandbox.died', { reason })} ${t('workshop.sandbox.offer-reset')}`;
  }

  function tracked(learner: string, shell: ShellProcess): ShellProcess {
    const entry: { shell: ShellProcess; endedBecause?: string } = { shell };
    const own = shells.get(learner) ?? new Set();
    shells.set(learner, own.add(entry));
    const dataListeners: Array<(chunk: Uint8Array) => void> = [];
    const exitListeners: Array<(code: number) => void> = [];
    let exitCode: number | undefined;
    shell.onData((chunk) => dataListeners.forEach((listener) => listener(chunk)));
    shell.onExit((code) => {
      own.delete(entry);
      void (async () => {
        const why = entry.endedBecause ?? (await deathNotice(learner));
        if (why) dataListeners.forEach((listener) => listener(notice(why)));
        exitCode = code;
        exitListeners.forEach((listener) => listener(code));
      })();
    });
    return {
      onData: (listener) => void dataListeners.push(listener),
      onExit: (listener) => {
        exitListeners.push(listener);
        if (exitCode !== undefined) listener(exitCode);
      },
      write: (data) => {
        options.idle.active(learner);
        shell.write(data);
      },
      ...(shell.pendingInput && { pendingInput: () => shell.pendingInput!() }),
      resize: (cols, rows) => shell.resize(cols, rows),
      pause: () => shell.pause(),
      resume: () => shell.resume(),
      kill: () => shell.kill(),
    };
  }

  return {
    kind: 'docker',
    status: (learner) => options.provider.status(learner),
    async openShell(learner: string, size: ShellSize) {
      await options.idle.settled(learner);
      const release = options.idle.busy(learner);
      try {
        return tracked(learner, await options.provider.openShell(learner, size));
      } finally {
        release();
      }
    },
    async exec(learner: string, argv: readonly string[], execOptions: ExecOptions) {
      await options.idle.settled(learner);
      const release = options.idle.busy(learner);
      try {
        // A Check that wakes a paused sandbox must find the learner's Docker engine up, not "could not check".
        const before = await options.provider.status(learner).catch(() => undefined);
        if (before?.phase !== 'ready') await options.provider.engineReady(learner, Math.min(30_000, execOptions.timeoutMs)).catch(() => undefined);
        return await options.provider.exec(learner, argv, execOptions);
      } finally {
        release();
      }
    },
    async endShells(learner, why) {
      const t = useTranslations(options.language(learner));
      const text =
        why === 'paused' ? t('workshop.sandbox.paused', { minutes: options.idleMinutes })
        : why === 'reset' ? t('workshop.sandbox.resetting')
        : why === 'time-up' ? t('workshop.sandbox.time-up')
        : t('workshop.sandbox.stopped');
      await Promise.all([...(shells.get(learner) ?? [])].map((entry) => {
        entry.endedBecause = text;
        return entry.shell.kill();
      }));
    },
    openShells: (learner) => shells.get(learner)?.size ?? 0,
  };
}
