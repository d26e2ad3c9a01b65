/**
 * The learner's shell while their sandbox starts. A room that clicks Join at once waits in the
 * provider's start queue; instead of a terminal that stays blank (or an error), the terminal says
 * "Starting your sandbox: 3 ahead of you" and counts down, then the prompt takes the line's place.
 * If the start fails, the terminal says why and the shell ends, so the page offers a new shell.
 *
 * The shell is handed to the terminal at once and becomes the sandbox's shell when that opens:
 * typing meanwhile waits here (bounded), the last size and pause state are applied on arrival.
 */
import type { Language } from '../i18n/languages.ts';
import { useTranslations } from '../i18n/translate.ts';
import type { SandboxProvider } from '../sandbox/sandbox-provider.ts';
import type { ShellProcess, ShellSize } from '../sandbox/shell-process.ts';

/** Where the provider's start queue reports each learner's place, for whoever is waiting on it. */
export interface QueueNotices {
  tell(learner: string, ahead: number): void;
  listen(learner: string, listener: (ahead: number) => void): () => void;
}

export function createQueueNotices(): QueueNotices {
  const listeners = new Map<string, Set<(ahead: number) => void>>();
  return {
    tell(learner, ahead) {
      for (const listener of listeners.get(learner) ?? []) listener(ahead);
    },
    listen(learner, listener) {
      const set = listeners.get(learner) ?? new Set();
      set.add(listener);
      listeners.set(learner, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(learner);
      };
    },
  };
}

/** Typing kept while the sandbox starts; beyond it keystrokes are dropped. */
const earlyInputLimit = 64 * 1024;
/** A start that is over sooner says nothing: a running sandbox opens a shell in well under this. */
const quietMs = 400;

const clearLine = '\r\x1b[K';
const dim = (text: string) => `${clearLine}\x1b[2m${text}\x1b[0m`;

export function startingShell(open: () => Promise<ShellProcess>, follow: (listener: (ahead: number) => void) => () => void, lang: Language): ShellProcess {
  const t = useTranslations(lang);
  const encoder = new TextEncoder();
  const dataListeners: Array<(chunk: Uint8Array) => void> = [];
  const exitListeners: Array<(code: number) => void> = [];
  let unsaid: Uint8Array[] = [];
  let shell: ShellProcess | undefined;
  let said = false;
  let killed = false;
  let paused = false;
  let size: ShellSize | undefined;
  let early: Uint8Array[] = [];
  let earlyBytes = 0;

  const emit = (chunk: Uint8Array) => {
    if (dataListeners.length === 0) unsaid.push(chunk);
    else for (const listener of dataListeners) listener(chunk);
  };
  const say = (text: string) => {
    if (shell || killed) return;
    said = true;
    emit(encoder.encode(text));
  };
  const exit = (code: number) => {
    for (const listener of exitListeners) listener(code);
  };

  let lastAhead = -1;
  const stopFollowing = follow((ahead) => {
    if (ahead === lastAhead) return;
    lastAhead = ahead;
    say(dim(ahead > 0 ? t('workshop.sandbox.queued', { ahead }) : t('workshop.sandbox.starting')));
  });
  const quiet = setTimeout(() => {
    if (lastAhead < 0) say(dim(t('workshop.sandbox.starting')));
  }, quietMs);

  open().then(
    (opened) => {
      clearTimeout(quiet);
      stopFollowing();
      if (killed) {
        void opened.kill();
        return;
      }
      if (said) emit(encoder.encode(clearLine));
      shell = opened;
      opened.onData(emit);
      opened.onExit(exit);
      if (size) opened.resize(size.cols, size.rows);
      if (paused) opened.pause();
      for (const data of early) opened.write(data);
      early = [];
      earlyBytes = 0;
    },
    (error: Error) => {
      clearTimeout(quiet);
      stopFollowing();
      if (killed) return;
      emit(encoder.encode(`${clearLine}${t('workshop.sandbox.failed', { reason: error.message })}\r\n`));
      killed = true;
      exit(-1);
    },
  );

  return {
    onData(listener) {
      dataListeners.push(listener);
      const pending = unsaid;
      unsaid = [];
      for (const chunk of pending) listener(chunk);
    },
    onExit: (listener) => void exitListeners.push(listener),
    write(data) {
      if (shell) return shell.write(data);
      if (earlyBytes + data.byteLength > earlyInputLimit) return;
      early.push(data);
      earlyBytes += data.byteLength;
    },
    pendingInput: () => shell?.pendingInput?.() ?? earlyBytes,
    resize(cols, rows) {
      size = { cols, rows };
      shell?.resize(cols, rows);
    },
    pause() {
      paused = true;
      shell?.pause();
    },
    resume() {
      paused = false;
      shell?.resume();
    },
    async kill() {
      if (shell) return shell.kill();
      // Still starting: the shell is ended as soon as it opens; nobody waits for the sandbox here.
      killed = true;
      clearTimeout(quiet);
      stopFollowing();
    },
  };
}

/** The workshop's provider as the terminal sees it: every shell says how its sandbox start is going. */
export function withStartNotices(provider: SandboxProvider, notices: QueueNotices, languageOf: (learner: string) => Language): SandboxProvider {
  return {
    kind: provider.kind,
    status: (learner) => provider.status(learner),
    exec: (learner, argv, options) => provider.exec(learner, argv, options),
    openShell: async (learner, shellSize) =>
      startingShell(() => provider.openShell(learner, shellSize), (listener) => notices.listen(learner, listener), languageOf(learner)),
  };
}
