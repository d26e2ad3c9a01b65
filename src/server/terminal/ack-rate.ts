/**
 * How fast a tab parses output, from its acks: bytes acked per millisecond, measured over windows
 * of at least `windowMs` and smoothed. A window that includes a quiet spell (nothing to parse)
 * measures low, which only makes the flow limits smaller: the estimate errs on the safe side.
 */
export class AckRate {
  readonly #windowMs: number;
  #windowStart: number | undefined;
  #windowBytes = 0;
  #bytesPerMs = 0;

  constructor(windowMs = 20) {
    this.#windowMs = windowMs;
  }

  get bytesPerMs() {
    return this.#bytesPerMs;
  }

  ack(bytes: number, now = performance.now()) {
    if (this.#windowStart === undefined) {
      this.#windowStart = now;
      return;
    }
    this.#windowBytes += bytes;
    const elapsed = now - this.#windowStart;
    if (elapsed < this.#windowMs) return;
    const sample = this.#windowBytes / elapsed;
    // Drops are followed at once (a tab that slows down must not keep a large allowance); rises
    // only halfway per window, so one burst of acks does not open the limits wide.
    this.#bytesPerMs = sample < this.#bytesPerMs ? sample : (this.#bytesPerMs + sample) / 2;
    this.#windowStart = now;
    this.#windowBytes = 0;
  }

  /** The tab stopped or was replaced: start measuring afresh. */
  reset() {
    this.#windowStart = undefined;
    this.#windowBytes = 0;
    this.#bytesPerMs = 0;
  }
}
