/**
 * When the screen mirror drops output it never parsed (a flood bigger than its backlog), the
 * terminal modes that output switched must not be lost with it: a full-screen program that
 * entered the alternate screen and hid the cursor megabytes ago is still in it. Parsing every
 * byte is what the mirror avoids, so this only looks for the few sequences that set the modes a
 * replay carries (the ones the serialize addon writes, plus the alternate screen, the cursor and
 * the title). Output without an ESC byte (most floods) costs one memchr.
 */

/** DEC private modes (CSI ? n h/l) a replay restores; 47 and 1047 count as 1049 (alternate screen). */
export const trackedPrivateModes = [1, 6, 7, 25, 45, 66, 1004, 1049, 2004] as const;
export type TrackedPrivateMode = (typeof trackedPrivateModes)[number];

/** xterm's mouse tracking modes, as the DECSET number that selects them; 0 is off. */
export type MouseMode = 0 | 9 | 1000 | 1002 | 1003;

/** What the scanned bytes changed; anything absent was left as it was. */
export interface ModeChanges {
  /** A full reset (ESC c) came: the state before it no longer matters. */
  fromDefaults: boolean;
  privateModes: Partial<Record<TrackedPrivateMode, boolean>>;
  insert?: boolean;
  mouse?: MouseMode;
  title?: string;
}

const aliases: Record<number, TrackedPrivateMode> = { 47: 1049, 1047: 1049 };
const mouseModes = new Set([9, 1000, 1002, 1003]);
/** Longest unfinished sequence carried to the next slice (a title can be long; more is junk). */
const maxCarry = 1024;
// CSI [?] Pm h|l · DECSTR (CSI ! p) · ESC = / ESC > / ESC c · OSC 0/2 title ended by BEL or ST.
const sequence = /\x1b(?:\[(\??)([0-9;]*)([hl])|\[!p|([=>c])|\][02];([^\x07\x1b]*)(?:\x07|\x1b\\))/g;

export class ModeScanner {
  #changes: ModeChanges = { fromDefaults: false, privateModes: {} };
  /** The start of a sequence cut off at the end of the previous slice. */
  #carry = '';

  /** Looks at the next bytes of the stream, in order. */
  scan(bytes: Uint8Array) {
    // Buffer.indexOf is a memchr; a typed array's indexOf walks the bytes one by one.
    const start = this.#carry ? 0 : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0x1b);
    if (start < 0) return;
    const text = this.#carry + Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start).toString('latin1');
    let end = 0;
    for (const match of text.matchAll(sequence)) {
      this.#apply(match);
      end = match.index + match[0].length;
    }
    const lastEsc = text.lastIndexOf('\x1b');
    this.#carry = lastEsc >= end && text.length - lastEsc <= maxCarry ? text.slice(lastEsc) : '';
  }

  /** The changes seen since the last take, and a fresh start. */
  take(): ModeChanges {
    const changes = this.#changes;
    this.#changes = { fromDefaults: false, privateModes: {} };
    this.#carry = '';
    return changes;
  }

  #apply(match: RegExpMatchArray) {
    const [whole, question, params, setOrReset, escFinal, title] = match;
    const changes = this.#changes;
    if (setOrReset) {
      const on = setOrReset === 'h';
      for (const param of params!.split(';')) {
        const mode = Number(param);
        if (!question) {
          if (mode === 4) changes.insert = on;
        } else if (mouseModes.has(mode)) changes.mouse = on ? (mode as MouseMode) : 0;
        else {
          const tracked = aliases[mode] ?? mode;
          if ((trackedPrivateModes as readonly number[]).includes(tracked)) changes.privateModes[tracked as TrackedPrivateMode] = on;
        }
      }
    } else if (whole === '\x1b[!p') {
      // Soft reset, as xterm.js does it.
      Object.assign(changes.privateModes, { 1: false, 6: false, 7: true, 25: true, 66: false });
      changes.insert = false;
    } else if (escFinal === 'c') {
      this.#changes = { fromDefaults: true, privateModes: {}, title: changes.title };
    } else if (escFinal) {
      changes.privateModes[66] = escFinal === '=';
    } else if (title !== undefined) {
      // The bytes were read as latin1 (one char per byte); the title itself is UTF-8.
      changes.title = Buffer.from(title, 'latin1').toString('utf8');
    }
  }
}
