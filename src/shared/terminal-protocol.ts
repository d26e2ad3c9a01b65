/**
 * The terminal's wire format, shared by the server and the browser (plain TypeScript, no Node
 * APIs). Every message is one binary WebSocket frame: a one-byte opcode, then raw bytes. Output is
 * the pty's bytes untouched; xterm.js decodes UTF-8 as a stream, so a character split across two
 * frames still renders (see shared/reference/terminal.md §3).
 */

/** Browser → server. */
export const ClientOp = {
  /** UTF-8 keystrokes (or latin1 bytes from xterm's onBinary). */
  input: 0x00,
  /** u16 cols, u16 rows (big endian). */
  resize: 0x01,
  /** u32: output payload bytes the browser has finished parsing since its last ack. */
  ack: 0x02,
  /** JSON {@link Hello}; must be the first message. */
  hello: 0x03,
  /** No payload: end this shell (whatever it is doing) and start a new one; the owner's only. */
  newShell: 0x04,
} as const;

/** Server → browser. */
export const ServerOp = {
  output: 0x00,
  /** A snapshot of the screen and scrollback follows; the browser resets and does not ack it. */
  replayBegin: 0x01,
  replayEnd: 0x02,
  /** i32 exit code of the shell (-1 when it was killed by a signal). */
  exit: 0x03,
  /** UTF-8 window title the shell set. */
  title: 0x04,
  /** UTF-8 `owner` or `viewer`: what this connection may do. */
  role: 0x05,
} as const;

export type Role = 'owner' | 'viewer';

export interface Hello {
  /** The credential: in solo mode the per-launch secret from the page. */
  token: string;
  cols: number;
  rows: number;
  /** Ask for less than the credential allows (an owner's tab that only watches). */
  role?: Role;
  /**
   * Which session to attach: absent for the credential's own; an instructor names a learner's
   * session to watch it (always as a viewer). The server decides who may attach to what.
   */
  session?: string;
}

/** WebSocket close codes we use, with the reason text sent beside them. */
export const CloseCode = {
  normal: 1000,
  unsupported: 1003,
  invalidPayload: 1007,
  policy: 1008,
  tooBig: 1009,
  /** The shell exited; the browser offers a new one instead of reconnecting. */
  shellExited: 4000,
  /** The owner asked for a new shell: every tab reconnects at once and gets the new one. */
  newShell: 4001,
  /** A viewer asked to watch a session that does not run. */
  noSession: 4004,
  /** The shell could not be started (the reason says why); a new connection tries again. */
  shellFailed: 4011,
  /** The browser stopped reading its output for too long. */
  stalled: 4008,
} as const;

/** A close reason fits in 123 bytes of UTF-8 (RFC 6455); longer ones are cut at a character boundary. */
export function closeReason(text: string): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= 123) return text;
  let cut = 120;
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return `${new TextDecoder().decode(bytes.subarray(0, cut))}…`;
}

export const sizeLimits = { minCols: 2, maxCols: 500, minRows: 1, maxRows: 200 } as const;

/** Keeps a requested size within what a terminal can sensibly be (a hostile 65535×65535 is not). */
export function clampSize(cols: number, rows: number): { cols: number; rows: number } {
  const clamp = (value: number, min: number, max: number) => (Number.isFinite(value) ? Math.min(max, Math.max(min, Math.trunc(value))) : min);
  return { cols: clamp(cols, sizeLimits.minCols, sizeLimits.maxCols), rows: clamp(rows, sizeLimits.minRows, sizeLimits.maxRows) };
}

export function frame(op: number, payload?: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(1 + (payload?.length ?? 0));
  out[0] = op;
  if (payload) out.set(payload, 1);
  return out;
}

export function u16Pair(a: number, b: number): Uint8Array {
  const out = new Uint8Array(4);
  const view = new DataView(out.buffer);
  view.setUint16(0, a);
  view.setUint16(2, b);
  return out;
}

export function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0);
  return out;
}

export function i32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, value | 0);
  return out;
}

function view(bytes: Uint8Array) {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export type ClientMessage =
  | { op: 'input'; data: Uint8Array }
  | { op: 'resize'; cols: number; rows: number }
  | { op: 'ack'; bytes: number }
  | { op: 'hello'; hello: Hello }
  | { op: 'new-shell' };

/** Parses one browser frame; throws a `ProtocolError` whose message is the close reason. */
export function parseClientFrame(bytes: Uint8Array): ClientMessage {
  if (bytes.length === 0) throw new ProtocolError('empty frame');
  const op = bytes[0];
  const payload = bytes.subarray(1);
  switch (op) {
    case ClientOp.input:
      return { op: 'input', data: payload };
    case ClientOp.resize:
      if (payload.length !== 4) throw new ProtocolError('resize needs 4 bytes');
      return { op: 'resize', cols: view(payload).getUint16(0), rows: view(payload).getUint16(2) };
    case ClientOp.ack:
      if (payload.length !== 4) throw new ProtocolError('ack needs 4 bytes');
      return { op: 'ack', bytes: view(payload).getUint32(0) };
    case ClientOp.hello:
      return { op: 'hello', hello: parseHello(payload) };
    case ClientOp.newShell:
      return { op: 'new-shell' };
    default:
      throw new ProtocolError(`unknown opcode ${op}`);
  }
}

function parseHello(payload: Uint8Array): Hello {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    throw new ProtocolError('hello is not JSON');
  }
  const hello = value as Partial<Hello> | null;
  if (!hello || typeof hello !== 'object' || typeof hello.token !== 'string' || typeof hello.cols !== 'number' || typeof hello.rows !== 'number') {
    throw new ProtocolError('hello needs token, cols and rows');
  }
  if (hello.role !== undefined && hello.role !== 'owner' && hello.role !== 'viewer') throw new ProtocolError('hello role must be owner or viewer');
  if (hello.session !== undefined && (typeof hello.session !== 'string' || hello.session.length === 0 || hello.session.length > 128)) {
    throw new ProtocolError('hello session must be a session id of 1 to 128 characters');
  }
  return { token: hello.token, cols: hello.cols, rows: hello.rows, role: hello.role, ...(hello.session !== undefined && { session: hello.session }) };
}

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}
