/**
 * The workshop's sandboxes over the workshop's life, in one place for the workshop server to
 * compose (start-workshop.ts):
 *
 *   const life = await startSandboxLifecycle({ provider, workshop, learners, dataDir, url, idleMs, timeLimitMs, onEnded });
 *   createWorkbook({ ..., sandbox: life.sandbox, checkRunnerFor: life.checkRunnerFor, features: (parts) => [...life.features(parts), ...] });
 *
 * - recovery at start: sandboxes of known learners adopted, everything else of the workshop swept;
 * - the terminal and checks go through `sandbox` (idle clock, notices for a pause or a death);
 * - checks run inside the learner's sandbox (`checkRunnerFor`), with the learner's settings;
 * - idle learners' sandboxes are paused; presence, a shell or a Check resumes them;
 * - the page's sandbox API (status, reset, presence) and the stop control (`workshop stop`);
 * - the end, by stop or time limit: every sandbox, volume and network removed; progress stays;
 * - a learner given more time keeps their sandbox past the workshop's end until their own end,
 *   when it is removed as the workshop's end would have; the workshop ends with the last of them.
 */
import type { CheckRunner } from '../checks/check-runner.ts';
import type { Language } from '../i18n/languages.ts';
import type { ProgressStore } from '../progress/progress-store.ts';
import type { DockerSandboxProvider } from '../sandbox/docker-provider.ts';
import type { WorkbookFeature } from '../server/feature.ts';
import type { WorkbookParts } from '../server/workbook.ts';
import { createControlFeature } from './control-feature.ts';
import { removeControlFile, writeControlFile } from './control-file.ts';
import { createIdlePause, type IdlePause } from './idle-pause.ts';
import { recoverSandboxes, type Recovery } from './recover-sandboxes.ts';
import { sandboxCheckRunner } from './sandbox-check-runner.ts';
import { createSandboxFeature } from './sandbox-feature.ts';
import { createLearnerTime } from './learner-time.ts';
import { createWorkshopEnd, type WorkshopEnd } from './workshop-end.ts';
import { createWorkshopSandbox, type WorkshopSandbox } from './workshop-sandbox.ts';
import Docker from 'dockerode';

export const defaultIdleMs = 20 * 60_000;

export interface SandboxLifecycleOptions {
  provider: DockerSandboxProvider;
  /** Who joined: what recovery keeps, and the language of each learner's notices. */
  learners: { ids(): Set<string>; language(learner: string): Language };
  /** The workshop's data folder: the control file for `workshop stop` goes there. */
  dataDir: string;
  /** Where this server answers (for `workshop stop`). */
  url: string;
  /** No input, Check or visible page for this long pauses a sandbox; default 20 minutes. */
  idleMs?: number;
  /** The workshop ends by itself after this long (from now; endAt moves it). */
  timeLimitMs?: number;
  /** Sandboxes kept ready for learners who join next. */
  warm?: number;
  /** After the end removed everything: close the server (and exit). */
  onEnded?(why: 'stop' | 'time-limit', removed: string[]): void | Promise<void>;
  docker?: Docker;
}

export interface SandboxLifecycle {
  sandbox: WorkshopSandbox;
  idle: IdlePause;
  recovery: Recovery;
  /** For createWorkbook's `checkRunnerFor`. */
  checkRunnerFor(learner: string): CheckRunner;
  /** For createWorkbook's `features`: the sandbox API and the stop control. */
  features(parts: Pick<WorkbookParts, 'guard' | 'store'>): WorkbookFeature[];
  end: WorkshopEnd['end'];
  /** Moves the workshop's end (the stored deadline at start, an instructor's extension later). */
  endAt(when: Date): void;
  /** Moves one learner's own end (a stored one at start, an instructor's extension later). */
  learnerEndsAt(learner: string, when: Date): void;
  /** The server closes for another reason (Ctrl-C): sandboxes stay for the next start to adopt. */
  close(): void;
}

export async function startSandboxLifecycle(options: SandboxLifecycleOptions): Promise<SandboxLifecycle> {
  const idleMs = options.idleMs ?? defaultIdleMs;
  const { provider } = options;
  let store: ProgressStore | undefined;
  let ended = false;
  let endedRemoved: string[] = [];
  // eslint-disable-next-line prefer-const -- the sandbox and the idle clock refer to each other.
  let sandbox: WorkshopSandbox;
  const idle = createIdlePause({
    idleMs,
    pause: (learner) => provider.pause(learner),
    beforePause: (learner) => sandbox.endShells(learner, 'paused'),
  });
  sandbox = createWorkshopSandbox({ provider, idle, idleMinutes: Math.round(idleMs / 60_000), language: options.learners.language });
  const recovery = await recoverSandboxes(provider, options.learners.ids(), idle);
  if (options.warm) void provider.warm(options.warm).catch((error: Error) => console.error(`Warming sandboxes failed: ${error.message}`));

  const control = writeControlFile(options.dataDir, { workshop: provider.workshop, url: options.url });
  const workshopEnd = createWorkshopEnd({
    docker: options.docker ?? new Docker(),
    workshop: provider.workshop,
    async beforeEnd() {
      ended = true;
      time.stop();
      idle.stop();
      await Promise.all([...options.learners.ids()].map((learner) => sandbox.endShells(learner, 'stopped')));
    },
    async afterEnd(why, removed) {
      removeControlFile(options.dataDir, control.secret);
      endedRemoved = removed;
      // A stop is answered first (workshop stop waits for it); the server closes after the answer.
      if (why === 'time-limit') await options.onEnded?.(why, removed);
    },
  });

  // Each learner's time: at their end (the workshop's, or their own if later) their shells are told
  // and their sandbox removed; once everyone's time is up, the workshop ends as by `workshop stop`.
  const time = createLearnerTime({
    learners: () => options.learners.ids(),
    async endLearner(learner) {
      idle.forget(learner);
      await sandbox.endShells(learner, 'time-up');
      await provider.destroy(learner);
    },
    endWorkshop: () => void workshopEnd.end('time-limit').catch((error: Error) => console.error(`The workshop's time limit was reached, but removing its sandboxes failed: ${error.message}. Run ecs-workbook workshop stop.`)),
  });
  if (options.timeLimitMs) time.setWorkshopEnd(new Date(Date.now() + options.timeLimitMs));
  const refusal = (learner: string) =>
    ended ? 'The workshop has ended; its sandboxes are gone. Your progress is kept.'
    : time.isUp(learner) ? 'Your time in this workshop has ended; your sandbox is gone. Your progress is kept.'
    : undefined;

  // After a learner's end (or the workshop's) nothing may start their sandbox again (a page's beat, a Check, a new shell).
  const guarded: WorkshopSandbox = {
    ...sandbox,
    openShell: (learner, size) => {
      const refused = refusal(learner);
      return refused ? Promise.reject(new Error(refused)) : sandbox.openShell(learner, size);
    },
    exec: (learner, argv, execOptions) => {
      const refused = refusal(learner);
      return refused ? Promise.reject(new Error(refused)) : sandbox.exec(learner, argv, execOptions);
    },
  };

  return {
    sandbox: guarded,
    idle,
    recovery,
    checkRunnerFor: (learner) =>
      sandboxCheckRunner({
        provider: guarded,
        learner,
        // The store comes with the features (createWorkbook builds those before any check runs).
        settings: () => store?.forLearner(learner).getSettings() ?? {},
      }),
    features(parts) {
      store = parts.store;
      return [
        createControlFeature({ secret: control.secret, stop: () => workshopEnd.end('stop'), afterStop: () => void options.onEnded?.('stop', endedRemoved) }),
        createSandboxFeature({
          guard: parts.guard,
          provider: {
            status: (learner) => provider.status(learner),
            queuePosition: (learner) => provider.queuePosition(learner),
            resume: (learner) => (refusal(learner) ? Promise.resolve() : provider.resume(learner)),
            reset: (learner) => {
              const refused = refusal(learner);
              return refused ? Promise.reject(new Error(refused)) : provider.reset(learner);
            },
          },
          sandbox,
          // A page of a learner whose time is up must not wake the idle clock for a sandbox that is gone.
          idle: { ...idle, active: (learner) => void (refusal(learner) ? undefined : idle.active(learner)) },
        }),
      ];
    },
    end: workshopEnd.end,
    endAt: (when) => time.setWorkshopEnd(when),
    learnerEndsAt: (learner, when) => time.setLearnerEnd(learner, when),
    close() {
      idle.stop();
      time.stop();
      removeControlFile(options.dataDir, control.secret);
    },
  };
}
