/**
 * The probe's "what held" for the terminal protocol: random and malformed frames, before and after
 * hello, and frames that break the WebSocket layer itself, cost only their own connection. The
 * server, the learner's shell and its background job live on, and a fresh tab still works.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { TerminalClient } from '../integration/terminal/terminal-harness.ts';
import { ClientOp } from '../../src/shared/terminal-protocol.ts';
import { newTab, openShell, realServerWithBusyShell, type RealServer } from './real-server.ts';

let server: RealServer;
let shell: TerminalClient;

/** A small seeded generator, so a failing run can be repeated with the same inputs. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const current = realServerWithBusyShell();
beforeAll(() => {
  ({ server, shell } = current());
});

describe('terminal protocol fuzz', () => {
  it('random and malformed frames, before and after hello, leave the server and the learner\'s shell alive', async () => {
    // Fuzzed keystrokes go to a sink, not to bash (raw mode: no Ctrl-C, no end of line needed);
    // the sink ends on a marker the fuzz cannot produce by chance.
    shell.type(`stty raw -echo; echo sink-$((2*3))-ready; sed -n '/END-OF-FUZZ/q'; stty sane; echo sink-$((6*7))-done\r`);
    await shell.waitFor('sink-6-ready', 10_000);
    const next = random(Number(process.env.SECURITY_FUZZ_SEED ?? 20261128));
    const bytes = (max: number) => Buffer.from(Array.from({ length: Math.floor(next() * max) }, () => Math.floor(next() * 256)));
    const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    const validOpcode = (): Buffer => {
      const kind = Math.floor(next() * 3);
      if (kind === 0) return Buffer.concat([Buffer.from([ClientOp.input]), bytes(200)]);
      if (kind === 1) return Buffer.from([ClientOp.resize, Math.floor(next() * 256), Math.floor(next() * 256), Math.floor(next() * 256), Math.floor(next() * 256)]);
      return Buffer.concat([Buffer.from([ClientOp.ack]), u32(Math.floor(next() * 2 ** 32))]);
    };
    const malformed = (): Buffer | string => {
      const hello = (json: string) => Buffer.concat([Buffer.from([ClientOp.hello]), Buffer.from(json)]);
      return [
        () => Buffer.alloc(0),
        () => Buffer.concat([Buffer.from([4 + Math.floor(next() * 252)]), bytes(50)]),
        () => Buffer.from([ClientOp.resize, 1]),
        () => Buffer.from([ClientOp.ack, 1, 2]),
        () => hello('{"token":'),
        () => hello(JSON.stringify({ token: randomBytes(16).toString('base64url'), cols: 80, rows: 24 })),
        () => hello(`{"token":"${server.secret}","cols":-1,"rows":1e9,"role":"admin","__proto__":{"x":1}}`),
        () => hello('null'),
        () => bytes(300).toString('latin1'),
        () => bytes(300),
      ][Math.floor(next() * 10)]!();
    };

    // 1,600 frames of valid opcodes over four signed-in tabs, replacing a tab the server closed.
    const tabs = await Promise.all(Array.from({ length: 4 }, () => openShell(server)));
    const deadline = Date.now() + 90_000;
    let sent = 0;
    while (sent < 1_600 && Date.now() < deadline) {
      const index = sent % tabs.length;
      if (tabs[index]!.ws.readyState !== tabs[index]!.ws.OPEN) {
        tabs[index]!.close();
        tabs[index] = await openShell(server);
      }
      tabs[index]!.ws.send(validOpcode(), { binary: true });
      sent++;
      if (sent % 100 === 0) await new Promise((done) => setTimeout(done, 20));
    }
    expect(sent).toBe(1_600);
    for (const tab of tabs) tab.close();

    // 400 malformed frames, each on a fresh tab: half before hello, half after.
    for (let i = 0; i < 400 && Date.now() < deadline; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, j) => {
          const tab = newTab(server);
          await tab.opened;
          if ((i + j) % 2 === 1) tab.hello(server.secret);
          const frame = malformed();
          tab.ws.send(frame, { binary: typeof frame !== 'string' });
          // The server closes a broken conversation; a frame it accepts is closed by us.
          await Promise.race([tab.closed, new Promise((done) => setTimeout(done, 1_000))]);
          tab.close();
        }),
      );
      expect(server.alive(), `the server exited:\n${server.output().slice(-3000)}`).toBe(true);
    }

    shell.type('\nEND-OF-FUZZ\n');
    await shell.waitFor('sink-42-done', 15_000);
    shell.type('echo alive-$((7*3)); jobs\r');
    await shell.waitFor(/alive-21[^]*Running\s+sleep 600/, 10_000);
    const fresh = await openShell(server);
    fresh.type('echo fresh-$((8*3))\r');
    await fresh.waitFor('fresh-24', 10_000);
    fresh.close();
    expect(server.alive()).toBe(true);
    expect(server.output()).not.toMatch(/Unhandled|uncaught/i);
  }, 150_000);
});

/** One client WebSocket frame, built by hand so it can break the rules a library enforces. */
function wsFrame(opcode: number, payload: Buffer, options: { fin?: boolean; rsv?: number; masked?: boolean; length?: bigint } = {}): Buffer {
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode;
  const masked = options.masked ?? true;
  const length = options.length ?? BigInt(payload.length);
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, (masked ? 0x80 : 0) | Number(length)]);
  else if (length < 65536n) header = Buffer.from([first, (masked ? 0x80 : 0) | 126, Number(length) >> 8, Number(length) & 255]);
  else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(length, 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  return Buffer.concat([header, mask, Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!))]);
}

/** Opens /terminal over raw TCP (optionally says hello), sends `frame`, and resolves when the server closes it (or after 5 s). */
function rawTerminal(frame: Buffer, afterHello: boolean): Promise<{ closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: server.port });
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ closed: false });
    }, 5_000);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closed: true });
    });
    socket.on('data', (chunk) => {
      const first = text === '';
      text += chunk.toString('latin1');
      if (first && text.startsWith('HTTP/1.1 101')) {
        const hello = Buffer.concat([Buffer.from([ClientOp.hello]), Buffer.from(JSON.stringify({ token: server.secret, cols: 80, rows: 24 }))]);
        socket.write(Buffer.concat([...(afterHello ? [wsFrame(0x2, hello)] : []), frame]));
      }
    });
    socket.write(
      `GET /terminal HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.origin}\r\nCookie: ${server.cookie}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
    );
  });
}

describe('frames that break the WebSocket layer', () => {
  const cases: [name: string, frame: () => Buffer][] = [
    ['a reserved data opcode', () => wsFrame(0x3, Buffer.from('x'))],
    ['a reserved control opcode', () => wsFrame(0xb, Buffer.from('x'))],
    ['RSV bits without an extension', () => wsFrame(0x2, Buffer.from([0, 1]), { rsv: 7 })],
    ['an unmasked client frame', () => wsFrame(0x2, Buffer.from([0, 1]), { masked: false })],
    ['a length of 2^63 - 1', () => wsFrame(0x2, Buffer.from([0]), { length: 2n ** 63n - 1n })],
    ['a ping over 125 bytes', () => wsFrame(0x9, Buffer.alloc(200))],
    ['a fragmented ping', () => wsFrame(0x9, Buffer.from('x'), { fin: false })],
    ['a continuation with nothing to continue', () => wsFrame(0x0, Buffer.from([0, 1]))],
    ['a close with an invalid code', () => wsFrame(0x8, Buffer.from([0x03, 0xe7]))],
    ['a close with a one-byte body', () => wsFrame(0x8, Buffer.from([0x03]))],
    ['text that is not UTF-8', () => wsFrame(0x1, Buffer.from([0xff, 0xfe, 0xfd]))],
    ['a new message inside a fragmented one', () => Buffer.concat([wsFrame(0x2, Buffer.from([0]), { fin: false }), wsFrame(0x2, Buffer.from([1]))])],
  ];

  it.each(cases)('%s is closed by the server, before and after hello, and the shell lives on', async (_name, frame) => {
    for (const afterHello of [false, true]) {
      expect((await rawTerminal(frame(), afterHello)).closed, afterHello ? 'after hello' : 'before hello').toBe(true);
    }
    expect(server.alive(), `the server exited:\n${server.output().slice(-3000)}`).toBe(true);
    shell.type(`echo ws-$((${cases.findIndex(([, f]) => f === frame)} + 100))\r`);
    await shell.waitFor(`ws-${cases.findIndex(([, f]) => f === frame) + 100}`, 10_000);
  });
});
