/**
 * `ecs-workbook hand` in a learner's terminal raises their hand. A sandbox cannot reach the server
 * over the network (by design), but everything its shell prints passes through the server on its
 * way to the browser: so the command prints a private OSC sequence, and the server, which reads the
 * shell's output anyway, turns it into a raised hand for the learner whose shell printed it. The
 * sequence can raise a hand only for that learner (it arrives on their own shell), and a learner
 * has at most one open hand, so a file full of them costs nothing. Terminals ignore an OSC they do
 * not know, so it shows nothing on screen. Solo mode works the same way.
 */
import type { SandboxProvider } from '../../sandbox/sandbox-provider.ts';
import type { ShellProcess } from '../../sandbox/shell-process.ts';

/** OSC 7717 ("hand"): a private number no terminal uses; `ecs-workbook hand` prints it. */
export const handSignal = '\x1b]7717;ecs-workbook-hand\x07';

const signalBytes = Buffer.from(handSignal, 'latin1');

/**
 * Counts hand signals in a shell's output, read in slices: a signal split across two slices is
 * still found once. Output without an ESC costs one memchr.
 */
export class HandSignalScanner {
  #carry: Buffer = Buffer.alloc(0);

  /** How many signals end in this slice. */
  scan(chunk: Uint8Array): number {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const text = this.#carry.length > 0 ? Buffer.concat([this.#carry, bytes]) : bytes;
    let found = 0;
    let from = 0;
    for (;;) {
      const at = text.indexOf(signalBytes, from);
      if (at < 0) break;
      found++;
      from = at + signalBytes.length;
    }
    // Keep the longest tail that could be the start of a signal.
    this.#carry = Buffer.alloc(0);
    const lastEsc = text.lastIndexOf(0x1b);
    if (lastEsc >= from && text.length - lastEsc < signalBytes.length) {
      const tail = text.subarray(lastEsc);
      if (signalBytes.subarray(0, tail.length).equals(tail)) this.#carry = Buffer.from(tail);
    }
    return found;
  }
}

/**
 * The same provider, whose shells report a hand signal for their learner. The terminal and the
 * checks use it unchanged.
 */
export function withHandSignals<P extends Pick<SandboxProvider, 'openShell'>>(provider: P, onHand: (learner: string) => void): P {
  const openShell: SandboxProvider['openShell'] = async (learner, size) => {
    const shell = await provider.openShell(learner, size);
    const scanner = new HandSignalScanner();
    const tapped: ShellProcess = {
      onData(listener) {
        shell.onData((chunk) => {
          try {
            if (scanner.scan(chunk) > 0) onHand(learner);
          } catch (error) {
            // A failing hand must never cost the learner their shell's output.
            console.error('A raised hand from the terminal failed:', error);
          }
          listener(chunk);
        });
      },
      onExit: (listener) => shell.onExit(listener),
      write: (data) => shell.write(data),
      ...(shell.pendingInput && { pendingInput: () => shell.pendingInput!() }),
      resize: (cols, rows) => shell.resize(cols, rows),
      pause: () => shell.pause(),
      resume: () => shell.resume(),
      kill: () => shell.kill(),
    };
    return tapped;
  };
  return new Proxy(provider, {
    get(target, name) {
      if (name === 'openShell') return openShell;
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
