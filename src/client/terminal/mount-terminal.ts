import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import { judgeShellState, type RunOutcome, type ShellState } from './shell-state.ts';
import { TerminalConnection, type ConnectionStatus } from './terminal-connection.ts';

/** What the page hands over (inline JSON rendered by TerminalPane.astro; never part of a URL). */
export interface TerminalConfig {
  secret: string;
  strings: {
    connecting: string;
    reconnecting: string;
    viewer: string;
    exited: string;
    /** `{reason}`: the server's words for why the shell could not start. */
    shellFailed: string;
    newShell: string;
    refused: string;
    /** The server was restarted and this browser's sign-in is from before: open the new link. */
    restarted: string;
    reload: string;
  };
}

export interface RunRequest {
  command: string;
  /** The block replaces a command still running: Ctrl-C first, without asking. */
  interrupt?: boolean;
  /** The learner asked to type next (a click on a wide screen): the terminal takes the focus. A key press never moves it. */
  focus?: boolean;
  /** Told what became of the command (typed, waiting, or not typed and why). */
  reply?: (outcome: RunOutcome) => void;
  /** Set by the listener that takes the request, at once: no listener means no terminal. */
  heard?: boolean;
}

const fontKey = 'workbook.terminal.fontSize';
const readerKey = 'workbook.terminal.screenReader';
const fontSizes = { min: 10, max: 28, initial: 14 };
/**
 * xterm's default of 1.0 makes a row exactly the font's size, and at 14 px on a 1× screen the
 * underscore of DejaVu Sans Mono (and Consolas) falls below the row and is cut off: $VPC_ID
 * read as "$VPC ID". A little more height keeps it inside the row at every size.
 */
const lineHeight = 1.2;
/** The key that leaves the terminal (see leaveKey below). */
const isLeaveKey = (event: KeyboardEvent) => event.ctrlKey && !event.altKey && !event.metaKey && (event.key === ']' || event.code === 'BracketRight');
const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * Starts xterm.js in the pane and connects it to the learner's shell. Loaded with a dynamic
 * import after the lesson has rendered, so the lesson never waits for the terminal's code.
 */
export function mountTerminal(pane: HTMLElement, config: TerminalConfig, layout: { expand(): void }, earlyRuns: RunRequest[]) {
  const screen = pane.querySelector<HTMLElement>('[data-terminal-screen]')!;
  const status = pane.querySelector<HTMLElement>('[data-terminal-status]')!;
  const notice = pane.querySelector<HTMLElement>('[data-terminal-notice]')!;
  const noticeText = notice.querySelector<HTMLElement>('p')!;
  const noticeButton = notice.querySelector<HTMLButtonElement>('button')!;
  const readerToggle = pane.querySelector<HTMLButtonElement>('[data-terminal-reader]')!;
  const newShellButton = pane.querySelector<HTMLButtonElement>('[data-terminal-new-shell]')!;
  const leaveHint = pane.querySelector<HTMLElement>('[data-terminal-leave-hint]')!;
  /** Where the focus was before the terminal took it: the leave key goes back there. */
  let cameFrom: HTMLElement | undefined;
  let announcesPrompts = false;
  const { strings } = config;

  const storedFont = Number(localStorage.getItem(fontKey));
  const term = new Terminal({
    fontSize: storedFont >= fontSizes.min && storedFont <= fontSizes.max ? storedFont : fontSizes.initial,
    fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Noto Sans Mono CJK JP', monospace",
    lineHeight,
    scrollback: 5000,
    cursorBlink: true,
    screenReaderMode: localStorage.getItem(readerKey) === 'true',
    theme: { background: '#0d1117', foreground: '#e6edf3', cursor: '#e6edf3', selectionBackground: '#264f78' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new WebLinksAddon());
  screen.textContent = '';
  term.open(screen);
  fitNow();

  const connection = new TerminalConnection(config.secret, () => ({ cols: term.cols, rows: term.rows }), {
    output: (data, parsed) => term.write(data, parsed),
    // A full reset queued behind any output still being parsed: the snapshot replaces it all.
    replayBegin: () => term.write('\x1bc'),
    replayEnd: () => {
      fitNow();
      // Runs asked for before the shell was there are judged now that its state is known (after a
      // new shell, those that waited behind a command of the old one too).
      ownCommand = undefined;
      waiting.push(...behindOwn.splice(0));
      for (const run of waiting.splice(0)) request(run);
    },
    role: (role) => {
      term.options.disableStdin = role !== 'owner';
      pane.dataset.role = role;
      // Only the learner's own tab may end their shell (the server refuses a viewer's too).
      newShellButton.disabled = role !== 'owner';
    },
    title: () => {},
    exit: (code) => {
      // A workshop's sandbox status (WorkshopSandboxStatus) looks at once whether the sandbox died.
      document.dispatchEvent(new CustomEvent('ecs-workbook:shell-exited'));
      showNotice(strings.exited.replace('{code}', String(code)), strings.newShell, () => {
        hideNotice();
        connection.connect();
      });
    },
    status: (state: ConnectionStatus, detail?: string) => {
      pane.dataset.status = state;
      status.textContent = state === 'connecting' ? strings.connecting : state === 'reconnecting' ? strings.reconnecting : pane.dataset.role === 'viewer' ? strings.viewer : '';
      if (state === 'signed-out') showNotice(strings.restarted, strings.reload, () => location.reload());
      if (state === 'refused') showNotice(detail ? `${strings.refused} (${detail})` : strings.refused, strings.reload, () => location.reload());
      if (state === 'failed') {
        showNotice(strings.shellFailed.replace('{reason}', detail ?? ''), strings.newShell, () => {
          hideNotice();
          connection.connect();
        });
      }
      if (state === 'live') hideNotice();
    },
  });

  term.onData((data) => connection.input(data));
  // onBinary carries bytes as a latin1 string (some mouse reports); send them as bytes.
  term.onBinary((data) => connection.input(Uint8Array.from(data, (char) => char.charCodeAt(0))));
  term.onResize(({ cols, rows }) => connection.resize(cols, rows));
  term.attachCustomKeyEventHandler((event) => leaveKey(event) && copyPasteKeys(event));
  // Screen readers announce how to get out when the terminal takes the focus.
  term.textarea?.setAttribute('aria-describedby', leaveHint.id);
  watchFocus();
  term.onWriteParsed(() => {
    if (term.modes.bracketedPasteMode) announcesPrompts = true;
    // A command Run typed has run and the prompt is back: the next one waiting behind it goes now.
    if (ownCommand === 'handed-over' && shellState() === 'ready') {
      ownCommand = undefined;
      const next = behindOwn.shift();
      if (next) request(next);
    }
  });
  // readline turning bracketed paste off: it handed a line over to bash to run.
  term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
    if (ownCommand === 'typed' && params.includes(2004)) ownCommand = 'handed-over';
    return false; // xterm still applies the mode change itself
  });
  new ResizeObserver(() => fitNow()).observe(screen);
  connection.connect();

  // Toolbar: text size and xterm's own screen-reader mode, both remembered.
  pane.querySelectorAll<HTMLButtonElement>('[data-terminal-font]').forEach((button) =>
    button.addEventListener('click', () => {
      const size = Math.min(fontSizes.max, Math.max(fontSizes.min, (term.options.fontSize ?? fontSizes.initial) + Number(button.dataset.terminalFont)));
      term.options.fontSize = size;
      localStorage.setItem(fontKey, String(size));
      fitNow();
    }),
  );
  readerToggle.setAttribute('aria-pressed', String(!!term.options.screenReaderMode));
  readerToggle.addEventListener('click', () => {
    const on = !term.options.screenReaderMode;
    term.options.screenReaderMode = on;
    localStorage.setItem(readerKey, String(on));
    readerToggle.setAttribute('aria-pressed', String(on));
  });

  // Always there: the way out of a shell stuck in something that ignores Ctrl-C, and back after an exit.
  newShellButton.addEventListener('click', () => {
    if (connection.newShell()) return;
    hideNotice();
    connection.connect();
  });

  // The Run button of a Command block: type the command into the shell and press Enter, unless
  // the shell is in no state to run it; then the block says why and offers what helps.
  /** Asked for while not connected. */
  const waiting: RunRequest[] = [];
  /** To be typed, in order. */
  const queued: RunRequest[] = [];
  /**
   * A command Run typed that has not finished yet ('typed', then 'handed-over' once readline gave
   * it to bash). Runs pressed meanwhile wait behind it, as they would have been typed ahead, instead
   * of being refused because the shell is busy with the learner's own previous Run.
   */
  let ownCommand: 'typed' | 'handed-over' | undefined;
  const behindOwn: RunRequest[] = [];
  window.addEventListener('workbook:run', (event) => {
    const detail = (event as CustomEvent<RunRequest>).detail;
    if (!detail || typeof detail.command !== 'string') return;
    detail.heard = true;
    request(detail);
  });
  for (const early of earlyRuns) request(early);
  // "Go to the terminal" under a block that ran: the learner asked to type next.
  window.addEventListener('workbook:focus-terminal', () => {
    layout.expand();
    term.focus();
  });

  function request(run: RunRequest) {
    layout.expand();
    // Shown just now (a phone's Terminal tab): draw what arrived while it was hidden.
    requestAnimationFrame(() => {
      fitNow();
      term.refresh(0, term.rows - 1);
    });
    if (!connection.ready) {
      waiting.push(run);
      run.reply?.({ kind: 'queued' });
      return;
    }
    const state = shellState();
    const blocked = state === 'busy' || state === 'full-screen' || state === 'continuation';
    if ((blocked || queued.length > 0) && ownCommand && !run.interrupt) {
      behindOwn.push(run);
      run.reply?.({ kind: 'behind' });
      return;
    }
    if (blocked && !(run.interrupt && state !== 'full-screen')) {
      // Ctrl-C ends a running command and drops an unfinished one; it does not close a pager or an editor.
      const force = state === 'full-screen' ? undefined : () => request({ ...run, interrupt: true });
      run.reply?.({ kind: 'blocked', state, force });
      return;
    }
    queued.push({ ...run, interrupt: blocked });
    void runQueued();
  }

  let running = false;
  async function runQueued() {
    if (running) return;
    running = true;
    try {
      while (connection.ready && queued.length > 0) {
        const run = queued.shift()!;
        if (run.interrupt) {
          connection.input('\x03');
          // Let the interrupted program end and the prompt come back before the shell reads the command.
          await promptBack();
        }
        connection.input(`${run.command.replace(/\r?\n/g, '\r')}\r`);
        if (announcesPrompts) ownCommand = 'typed';
        term.scrollToBottom();
        run.reply?.({ kind: run.interrupt ? 'interrupted' : 'sent' });
        if (run.focus) term.focus();
      }
    } finally {
      running = false;
    }
  }

  /** Resolves once readline reads again (at most a moment: a shell that never says so gets 150 ms). */
  function promptBack(): Promise<void> {
    return new Promise((resolve) => {
      const started = Date.now();
      const look = () => {
        const state = shellState();
        if (state === 'ready' || (state === 'unknown' && Date.now() - started >= 150) || Date.now() - started > 2000) resolve();
        else setTimeout(look, 25);
      };
      setTimeout(look, 25);
    });
  }

  function shellState(): ShellState {
    const buffer = term.buffer.active;
    let row = buffer.baseY + buffer.cursorY;
    // A long line wraps over several rows: its prompt is on the first.
    while (row > 0 && buffer.getLine(row)?.isWrapped) row--;
    let cursorLine = '';
    for (let at = row; at <= buffer.baseY + buffer.cursorY; at++) {
      const line = buffer.getLine(at);
      cursorLine += at === buffer.baseY + buffer.cursorY ? (line?.translateToString(false, 0, buffer.cursorX) ?? '') : (line?.translateToString(false) ?? '');
    }
    return judgeShellState({ alternateScreen: buffer.type === 'alternate', announcesPrompts, readingLine: term.modes.bracketedPasteMode, cursorLine });
  }

  /**
   * Ctrl+] leaves the terminal (WCAG 2.1.2, no keyboard trap): inside it Tab and Shift+Tab belong
   * to bash (completion) and Escape to vim and readline, so neither can be the way out. Ctrl+]
   * is what telnet uses to leave a session; bash binds it only to a rarely used search
   * (character-search) and vim to following a tag, neither of which the course uses.
   */
  function leaveKey(event: KeyboardEvent): boolean {
    if (!isLeaveKey(event)) return true;
    if (event.type === 'keydown') {
      event.preventDefault();
      const back = cameFrom?.isConnected && !cameFrom.closest('[inert]') ? cameFrom : pane.querySelector<HTMLElement>('.toolbar button');
      back?.focus();
    }
    return false;
  }

  function watchFocus() {
    document.addEventListener('focusin', (event) => {
      const target = event.target as HTMLElement;
      if (!screen.contains(target)) cameFrom = target;
    });
  }

  function fitNow() {
    if (screen.clientWidth === 0 || screen.clientHeight === 0) return; // collapsed
    try {
      fit.fit();
    } catch {
      // Not measurable yet (fonts still loading); the next resize fits again.
    }
  }

  function copyPasteKeys(event: KeyboardEvent): boolean {
    if (event.type !== 'keydown' || isMac) return true; // ⌘C/⌘V are the browser's own on a Mac.
    const key = event.key.toLowerCase();
    const copy = event.ctrlKey && key === 'c' && (event.shiftKey || term.hasSelection());
    if (copy) {
      void navigator.clipboard?.writeText(term.getSelection()).catch(() => {});
      event.preventDefault();
      return false;
    }
    // Returning false leaves Ctrl+V / Ctrl+Shift+V to the browser, whose paste event xterm handles.
    if (event.ctrlKey && key === 'v') return false;
    return true;
  }

  function showNotice(text: string, action: string, onAction: () => void) {
    noticeText.textContent = text;
    noticeButton.textContent = action;
    noticeButton.onclick = onAction;
    notice.hidden = false;
  }

  function hideNotice() {
    notice.hidden = true;
  }

  return { terminal: term, connection, fit: fitNow };
}
