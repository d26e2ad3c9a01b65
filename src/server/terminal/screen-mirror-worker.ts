// Runs the headless xterms of every ScreenMirror on one thread of their own, so parsing a large
// backlog (up to the mirror's bound, when the output pauses or a tab reattaches) never holds up
// the shells' output, keystroke echo or Ctrl-C on the main thread. One worker for all sessions,
// not one each: a worker is a whole V8 isolate with xterm loaded (about 25 MiB of the server's
// memory per learner, measured), while a headless terminal on a shared one costs well under 1 MiB.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { trackedPrivateModes, type ModeChanges, type MouseMode, type TrackedPrivateMode } from './mode-scanner.ts';

const require = createRequire(import.meta.url);
const { Terminal } = require('@xterm/headless') as typeof import('@xterm/headless');
const { SerializeAddon } = require('@xterm/addon-serialize') as typeof import('@xterm/addon-serialize');

export type MirrorRequest =
  /** A new terminal, known by `id` from then on. */
  | { open: { cols: number; rows: number; scrollback: number } }
  /** Output to parse; with `restart`, earlier output was dropped: start over with these modes first. */
  | { write: Uint8Array; restart?: ModeChanges }
  | { resize: [number, number] }
  | { snapshot: number }
  /** The visible screen as plain text (a raised hand attaches it for the instructor). */
  | { text: number }
  /** The session ended: its terminal is freed. */
  | { close: true };
/** Every request and reply names the terminal it is for: one worker serves every session's mirror. */
export type MirrorEnvelope = { id: number; request: MirrorRequest };
export type MirrorReply = { id: number } & ({ title: string } | { snapshot: number; screen: string });

const port = parentPort!;

/** One session's headless terminal, with the state the serializer does not keep. */
class MirrorTerminal {
  readonly terminal: InstanceType<typeof Terminal>;
  readonly serializer = new SerializeAddon();
  // xterm's API does not expose whether the cursor is hidden, and the serialize addon leaves it
  // out; a full-screen program that hid it should not get a blinking cursor in its replay.
  cursorHidden = false;
  /** One request at a time, in order: a resize or a snapshot applies after all output sent before it. */
  queue = Promise.resolve();

  constructor(id: number, cols: number, rows: number, scrollback: number) {
    const terminal = (this.terminal = new Terminal({ cols, rows, scrollback, allowProposedApi: true }));
    terminal.loadAddon(this.serializer as never);
    terminal.onTitleChange((title) => port.postMessage({ id, title } satisfies MirrorReply));
    // Each handler returns false so that xterm's own handler runs as well.
    terminal.parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => {
      if (params.includes(25)) this.cursorHidden = false;
      return false;
    });
    terminal.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
      if (params.includes(25)) this.cursorHidden = true;
      return false;
    });
    const showCursor = () => {
      this.cursorHidden = false;
      return false;
    };
    terminal.parser.registerCsiHandler({ intermediates: '!', final: 'p' }, showCursor);
    terminal.parser.registerEscHandler({ final: 'c' }, showCursor);
  }
}

const defaults: Record<TrackedPrivateMode, boolean> = { 1: false, 6: false, 7: true, 25: true, 45: false, 66: false, 1004: false, 1049: false, 2004: false };
const mouseNumbers: Record<string, MouseMode> = { none: 0, x10: 9, vt200: 1000, drag: 1002, any: 1003 };

/** A full reset, then the modes in force where the kept output begins: as they were, changed by what was dropped. */
function restartSequence({ terminal, cursorHidden }: MirrorTerminal, changes: ModeChanges): string {
  const modes = terminal.modes;
  const current: Record<TrackedPrivateMode, boolean> = changes.fromDefaults
    ? defaults
    : {
        1: modes.applicationCursorKeysMode,
        6: modes.originMode,
        7: modes.wraparoundMode,
        25: !cursorHidden,
        45: modes.reverseWraparoundMode,
        66: modes.applicationKeypadMode,
        1004: modes.sendFocusMode,
        1049: terminal.buffer.active.type === 'alternate',
        2004: modes.bracketedPasteMode,
      };
  const wanted = { ...current, ...changes.privateModes };
  const insert = changes.insert ?? (!changes.fromDefaults && modes.insertMode);
  const mouse = changes.mouse ?? (changes.fromDefaults ? 0 : mouseNumbers[modes.mouseTrackingMode]!);
  // The alternate screen first: the other modes then apply to the screen the program is using.
  let out = '\x1bc' + (wanted[1049] ? '\x1b[?1049h' : '');
  for (const mode of trackedPrivateModes) if (mode !== 1049 && wanted[mode] !== defaults[mode]) out += `\x1b[?${mode}${wanted[mode] ? 'h' : 'l'}`;
  if (insert) out += '\x1b[4h';
  if (mouse) out += `\x1b[?${mouse}h`;
  if (changes.title !== undefined) out += `\x1b]2;${changes.title}\x07`;
  return out;
}

const parse = (mirror: MirrorTerminal, data: Uint8Array | string) => new Promise<void>((resolve) => mirror.terminal.write(data, resolve));

async function handle(id: number, mirror: MirrorTerminal, request: MirrorRequest) {
  const { terminal } = mirror;
  if ('write' in request) {
    // The modes are read once everything before has been parsed: requests run one at a time.
    if (request.restart) await parse(mirror, restartSequence(mirror, request.restart));
    await parse(mirror, request.write);
  } else if ('resize' in request) {
    terminal.resize(request.resize[0], request.resize[1]);
  } else if ('text' in request) {
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    port.postMessage({ id, snapshot: request.text, screen: lines.join('\n') } satisfies MirrorReply);
  } else if ('snapshot' in request) {
    port.postMessage({ id, snapshot: request.snapshot, screen: mirror.serializer.serialize() + (mirror.cursorHidden ? '\x1b[?25l' : '') } satisfies MirrorReply);
  }
}

const mirrors = new Map<number, MirrorTerminal>();
port.on('message', ({ id, request }: MirrorEnvelope) => {
  if ('open' in request) {
    mirrors.set(id, new MirrorTerminal(id, request.open.cols, request.open.rows, request.open.scrollback));
    return;
  }
  const mirror = mirrors.get(id);
  if (!mirror) return;
  if ('close' in request) {
    // After what is queued (a replay in progress finishes first).
    mirror.queue = mirror.queue.then(() => {
      mirrors.delete(id);
      mirror.terminal.dispose();
    });
    return;
  }
  mirror.queue = mirror.queue.then(() => handle(id, mirror, request)).catch((error: unknown) => console.error('The terminal screen mirror failed:', error));
});
