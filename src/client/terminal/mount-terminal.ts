import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
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
  interrupt?: boolean;
}

const fontKey = 'workbook.terminal.fontSize';
const readerKey = 'workbook.terminal.screenReader';
const fontSizes = { min: 10, max: 28, initial: 14 };
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
  const { strings } = config;

  const storedFont = Number(localStorage.getItem(fontKey));
  const term = new Terminal({
    fontSize: storedFont >= fontSizes.min && storedFont <= fontSizes.max ? storedFont : fontSizes.initial,
    fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Noto Sans Mono CJK JP', monospace",
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
      runQueued();
    },
    role: (role) => {
      term.options.disableStdin = role !== 'owner';
      pane.dataset.role = role;
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
  term.attachCustomKeyEventHandler((event) => copyPasteKeys(event));
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

  // The Run button of a Command block: type the command into the shell and press Enter.
  const queued: RunRequest[] = [...earlyRuns];
  window.addEventListener('workbook:run', (event) => {
    const detail = (event as CustomEvent<RunRequest>).detail;
    if (!detail || typeof detail.command !== 'string') return;
    queued.push(detail);
    layout.expand();
    runQueued();
  });
  runQueued();

  async function runQueued() {
    while (connection.ready && queued.length > 0) {
      const { command, interrupt } = queued.shift()!;
      if (interrupt) {
        connection.input('\x03');
        // Let the interrupted program end before the shell reads the new command.
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      connection.input(`${command.replace(/\r?\n/g, '\r')}\r`);
      term.scrollToBottom();
      term.focus();
    }
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
