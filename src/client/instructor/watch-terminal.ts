/**
 * A live view of one learner's terminal for the instructor: xterm.js attached to the learner's
 * session as a viewer (the hello names the session; the server makes it a viewer). Keys are sent as
 * typed: the server drops them unless the learner granted control, so this view never decides who
 * may type. Reconnects on its own, and waits for a shell when none runs yet.
 */
import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { ClientOp, CloseCode, frame, ServerOp, u32 } from '../../shared/terminal-protocol.ts';

export type WatchStatus = 'connecting' | 'watching' | 'no-shell';

const ackEvery = 32 * 1024;

export function watchTerminal(screen: HTMLElement, options: { secret: string; session: string; label: string; onStatus(status: WatchStatus): void }) {
  const term = new Terminal({
    fontSize: 13,
    fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Noto Sans Mono CJK JP', monospace",
    scrollback: 2000,
    theme: { background: '#0d1117', foreground: '#e6edf3', cursor: '#e6edf3' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  screen.replaceChildren();
  term.open(screen);
  term.textarea?.setAttribute('aria-label', options.label);
  try {
    fit.fit();
  } catch {
    // not laid out yet
  }
  let ws: WebSocket | undefined;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let replaying = false;
  let parsed = 0;

  const connect = () => {
    options.onStatus('connecting');
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/terminal`);
    socket.binaryType = 'arraybuffer';
    ws = socket;
    socket.onopen = () => {
      const hello = { token: options.secret, cols: term.cols, rows: term.rows, role: 'viewer', session: options.session };
      socket.send(frame(ClientOp.hello, new TextEncoder().encode(JSON.stringify(hello))));
    };
    socket.onmessage = (event) => {
      const bytes = new Uint8Array(event.data as ArrayBuffer);
      const payload = bytes.subarray(1);
      switch (bytes[0]) {
        case ServerOp.output: {
          const replay = replaying;
          term.write(payload, () => {
            if (replay || socket.readyState !== WebSocket.OPEN) return;
            parsed += payload.byteLength;
            if (parsed >= ackEvery) {
              socket.send(frame(ClientOp.ack, u32(parsed)));
              parsed = 0;
            }
          });
          break;
        }
        case ServerOp.replayBegin:
          replaying = true;
          term.reset();
          break;
        case ServerOp.replayEnd:
          replaying = false;
          parsed = 0;
          options.onStatus('watching');
          break;
      }
    };
    socket.onclose = (event) => {
      if (ws !== socket || stopped) return;
      ws = undefined;
      if (event.code === CloseCode.noSession) options.onStatus('no-shell');
      else options.onStatus('connecting');
      retry = setTimeout(connect, event.code === CloseCode.noSession ? 3000 : 1000);
    };
  };
  // Sent as typed; only a live, accepted grant lets the server pass them to the learner's shell.
  term.onData((data) => {
    if (ws?.readyState === WebSocket.OPEN && !replaying) ws.send(frame(ClientOp.input, new TextEncoder().encode(data)));
  });
  connect();
  return {
    focus: () => term.focus(),
    dispose() {
      stopped = true;
      clearTimeout(retry);
      ws?.close();
      term.dispose();
    },
  };
}
