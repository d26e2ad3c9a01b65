import { createRequire } from 'node:module';
import type { SerializeAddon as SerializeAddonType } from '@xterm/addon-serialize';
import type { Terminal as HeadlessTerminal } from '@xterm/headless';

// Both packages ship CommonJS bundles only.
const require = createRequire(import.meta.url);
const { Terminal } = require('@xterm/headless') as typeof import('@xterm/headless');
const { SerializeAddon } = require('@xterm/addon-serialize') as typeof import('@xterm/addon-serialize');

/**
 * A headless xterm that parses everything the shell prints, so a browser that (re)attaches gets
 * the current screen and scrollback as one snapshot (VS Code's approach). Unlike a raw byte ring
 * buffer, a snapshot never starts in the middle of an escape sequence.
 */
export class ScreenMirror {
  readonly terminal: HeadlessTerminal;
  #serializer: SerializeAddonType;
  /** Bytes written but not yet parsed: the session pauses the shell while this is high. */
  pendingBytes = 0;
  #onParsed: () => void;

  constructor(cols: number, rows: number, scrollback: number, onParsed: () => void) {
    this.terminal = new Terminal({ cols, rows, scrollback, allowProposedApi: true });
    this.#serializer = new SerializeAddon();
    this.terminal.loadAddon(this.#serializer as never);
    this.#onParsed = onParsed;
  }

  write(chunk: Uint8Array) {
    const length = chunk.byteLength;
    this.pendingBytes += length;
    this.terminal.write(chunk, () => {
      this.pendingBytes -= length;
      this.#onParsed();
    });
  }

  resize(cols: number, rows: number) {
    this.terminal.resize(cols, rows);
  }

  /**
   * The screen as of everything written before this call. The write callback runs right after
   * its (empty) chunk is parsed and before any later chunk, so the snapshot has exactly that
   * output and nothing written afterwards.
   */
  snapshot(): Promise<string> {
    return new Promise((resolve) => this.terminal.write(new Uint8Array(0), () => resolve(this.#serializer.serialize())));
  }

  dispose() {
    this.terminal.dispose();
  }
}
