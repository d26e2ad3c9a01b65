/**
 * The shell output the screen mirror has not parsed yet, in the order it came. Parsing is what
 * costs, so the mirror parses only when the output pauses or a tab needs a snapshot; during a
 * flood this just holds the latest bytes. Past `limit` the oldest chunks are dropped (handed to
 * `onDrop` first, so the modes they switched can be kept), and the mirror then starts over from
 * a safe point in what is left (see replayStart).
 */
export class RawBacklog {
  readonly #limit: number;
  readonly #onDrop: (chunk: Uint8Array) => void;
  #chunks: Uint8Array[] = [];
  #bytes = 0;
  #dropped = false;

  constructor(limit: number, onDrop: (chunk: Uint8Array) => void) {
    this.#limit = limit;
    this.#onDrop = onDrop;
  }

  get bytes() {
    return this.#bytes;
  }

  /** Whether output was dropped since the last take: what is left does not follow what was parsed. */
  get dropped() {
    return this.#dropped;
  }

  push(chunk: Uint8Array) {
    if (chunk.byteLength === 0) return;
    this.#chunks.push(chunk);
    this.#bytes += chunk.byteLength;
    // Whole chunks (a flush each, at most a batch): the bound is exceeded by at most one chunk.
    while (this.#bytes - this.#chunks[0]!.byteLength >= this.#limit) {
      const oldest = this.#chunks.shift()!;
      this.#bytes -= oldest.byteLength;
      this.#dropped = true;
      this.#onDrop(oldest);
    }
  }

  /** Everything held, as one new buffer the caller owns (it may be transferred to a worker). */
  take(): { data: Uint8Array<ArrayBuffer>; dropped: boolean } {
    const data = new Uint8Array(this.#bytes);
    let offset = 0;
    for (const chunk of this.#chunks) {
      data.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const dropped = this.#dropped;
    this.#chunks = [];
    this.#bytes = 0;
    this.#dropped = false;
    return { data, dropped };
  }
}

/**
 * Where to start parsing output whose beginning was dropped: right after a line feed, so the
 * parser never starts inside a character or a control sequence (a CSI or ESC sequence never
 * spans a line feed in practice; an OSC or DCS string with a line feed in it is the rare case
 * that can still show some of its text). Only the last `lines` lines can show in a replay (the
 * screen plus the scrollback: every line takes at least one row), so anything before them is
 * skipped too and never parsed. Without a line feed, start at an ESC (the start of a sequence);
 * failing that, at the first byte that does not continue a UTF-8 character.
 */
export function replayStart(data: Uint8Array, lines: number): number {
  let start = data.length;
  for (let found = 0; found < lines; found++) {
    const newline = start > 0 ? data.lastIndexOf(0x0a, start - 1) : -1;
    if (newline < 0) break;
    start = newline;
  }
  if (start < data.length) return start + 1;
  const escape = data.indexOf(0x1b);
  if (escape >= 0) return escape;
  let first = 0;
  while (first < data.length && (data[first]! & 0xc0) === 0x80) first++;
  return first;
}
