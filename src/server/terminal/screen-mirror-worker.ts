// Runs the headless xterm of a ScreenMirror on its own thread: parsing every byte a shell prints
// costs about as much CPU as reading it, and here it does not hold up sending output to the browser.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const { Terminal } = require('@xterm/headless') as typeof import('@xterm/headless');
const { SerializeAddon } = require('@xterm/addon-serialize') as typeof import('@xterm/addon-serialize');

export type MirrorRequest = { write: Uint8Array } | { resize: [number, number] } | { snapshot: number };
export type MirrorReply = { parsed: number } | { title: string } | { snapshot: number; screen: string };

const { cols, rows, scrollback } = workerData as { cols: number; rows: number; scrollback: number };
const terminal = new Terminal({ cols, rows, scrollback, allowProposedApi: true });
const serializer = new SerializeAddon();
terminal.loadAddon(serializer as never);
const port = parentPort!;
const reply = (message: MirrorReply) => port.postMessage(message);
terminal.onTitleChange((title) => reply({ title }));

port.on('message', (request: MirrorRequest) => {
  if ('write' in request) {
    const length = request.write.byteLength;
    terminal.write(request.write, () => reply({ parsed: length }));
  } else if ('resize' in request) {
    terminal.resize(request.resize[0], request.resize[1]);
  } else {
    // The callback runs right after this empty write is parsed and before any later one, so the
    // snapshot holds exactly the output sent before the request.
    terminal.write(new Uint8Array(0), () => reply({ snapshot: request.snapshot, screen: serializer.serialize() }));
  }
});
