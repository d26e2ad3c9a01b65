import { connect } from 'node:net';

export interface RawAnswer {
  /** Everything the server sent before it closed the connection or the time ran out. */
  text: string;
  /** The status code of the first response line, or 0 when none came. */
  status: number;
  /** Whether the server closed the connection (or answered) before the time ran out. */
  answered: boolean;
}

/**
 * Sends raw bytes to the server on a fresh TCP connection (no client library normalises them).
 * `reset` ends the connection with a TCP RST: right after sending ('sent') or as soon as the first
 * byte of the answer arrives ('answer'), as a client that gives up mid-answer does.
 */
export function rawRequest(port: number, bytes: string | Buffer, options: { waitMs?: number; reset?: 'sent' | 'answer' } = {}): Promise<RawAnswer> {
  const waitMs = options.waitMs ?? 5_000;
  return new Promise((resolve) => {
    let text = '';
    let done = false;
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (answered: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), answered });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (options.reset === 'answer') {
        socket.resetAndDestroy();
        finish(true);
      } else if (/^HTTP\/1\.[01] \d{3}[^]*\r\n\r\n/.test(text) && /connection: close/i.test(text) === false && /content-length: (\d+)/i.test(text)) {
        // A complete keep-alive answer: enough to know the server answered.
        const length = Number(/content-length: (\d+)/i.exec(text)![1]);
        if (text.length - text.indexOf('\r\n\r\n') - 4 >= length) finish(true);
      }
    });
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.reset === 'sent') {
        setTimeout(() => {
          socket.resetAndDestroy();
          finish(true);
        }, 5);
      }
    });
  });
}
