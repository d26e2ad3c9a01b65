/**
 * Nothing a local process sends can kill the workbook (and with it the learner's shell), and every
 * request gets an answer. Against the real server process, with a shell open in it throughout.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TerminalClient } from '../integration/terminal/terminal-harness.ts';
import { rawRequest } from './raw-http.ts';
import { openShell, realServerWithBusyShell, type RealServer } from './real-server.ts';

let server: RealServer;
let shell: TerminalClient;

/** The shell still runs commands: the answer is computed, so an echo of the input cannot pass. */
async function expectShellAlive(client: TerminalClient, n: number) {
  client.type(`echo alive-$((${n}*3))\r`);
  await client.waitFor(`alive-${n * 3}`, 10_000);
}

const current = realServerWithBusyShell();
beforeAll(() => {
  ({ server, shell } = current());
});

const host = () => `127.0.0.1:${server.port}`;
const upgrade = (target: string, extra = '') =>
  `GET ${target} HTTP/1.1\r\nHost: ${host()}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

describe('the probe\'s crashes', () => {
  it('an upgrade with a target that is not a URL (GET //[) is refused, and the server lives', async () => {
    for (const target of ['//[', 'http://[', '//[::1', '/terminal/../[']) {
      const answer = await rawRequest(server.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: x\r\n\r\n`);
      expect(answer.answered, target).toBe(true);
    }
    expect(server.alive()).toBe(true);
    await expectShellAlive(shell, 1);
  });

  it('a refused upgrade whose client resets the connection does not crash it (403 and 401)', async () => {
    for (let i = 0; i < 20; i++) {
      await rawRequest(server.port, upgrade('/terminal', 'Origin: http://evil.com\r\n'), { reset: 'sent' });
      await rawRequest(server.port, upgrade('/terminal', `Origin: ${server.origin}\r\n`), { reset: 'sent' });
      await rawRequest(server.port, upgrade('/terminal', 'Origin: http://evil.com\r\n'), { reset: 'answer' });
    }
    expect(server.alive()).toBe(true);
    const refused = await rawRequest(server.port, upgrade('/terminal', 'Origin: http://evil.com\r\n'));
    expect(refused.status).toBe(403);
    await expectShellAlive(shell, 2);
  });
});

describe('every request gets an answer', () => {
  it.each(['/a/b/c', '/en/containers/x', '/en/no-such-lesson/', '//x', '/a/b/c?x=1'])('%s answers 404 with the not-found page', async (path) => {
    const answer = await rawRequest(server.port, `GET ${path} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    expect(answer.answered, `no answer for ${path} within 5 s`).toBe(true);
    expect(answer.status).toBe(404);
    expect(answer.text).toContain('/en/');
  });

  it('TRACE on a page answers 405, not a 500 from the page renderer', async () => {
    const answer = await rawRequest(server.port, `TRACE /en/ HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(405);
    expect(answer.text).toMatch(/allow: GET, HEAD\r/i);
  });

  it('a target that is not a URL answers 400 on a plain request', async () => {
    const answer = await rawRequest(server.port, `GET //[ HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(400);
  });
});

/** A small seeded generator, so a failing run can be repeated with the same inputs. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('fuzzing the HTTP and upgrade parsing', () => {
  it('survives malformed request lines, targets and headers, on plain requests and upgrades, some reset mid-answer', async () => {
    const next = random(Number(process.env.SECURITY_FUZZ_SEED ?? 20261128));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const junk = (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(next() * 256))).toString('latin1');
    const methods = ['GET', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'DELETE', 'CONNECT', 'TRACE', 'G\0T', '', 'get', 'PRI'];
    const targets = ['/', '//[', '/%', '/%E0%A4%A', '/%00', '/terminal', '//terminal', '/terminal?x=[', '/api/', '/api/session', '/api/checks/run', '/api/events', '*', 'http://[', 'http://evil.example/terminal', '/../../etc/passwd', '/en/%2e%2e/', `/${'a'.repeat(9000)}`, '/\u00ff', ' ', '/a b'];
    const versions = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', 'http/1.1', '', 'HTTP/1.1 x'];
    const headerSets = [
      () => `Host: ${host()}\r\n`,
      () => 'Host: x\r\n',
      () => '',
      () => `Host: ${host()}\r\nHost: evil.example\r\n`,
      () => `Host: ${host()}\r\nContent-Length: -1\r\n`,
      () => `Host: ${host()}\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n`,
      () => `Host: ${host()}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
      () => `Host: ${host()}\r\nCookie: ${junk(40).replace(/[\r\n]/g, '')}\r\n`,
      () => `Host: ${host()}\r\nOrigin: ${server.origin}\r\nCookie: ${server.cookie}\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{"step":[1]}`,
      () => `Host: ${host()}\r\nX-${junk(8).replace(/[\r\n:]/g, '')}: ${junk(30).replace(/[\r\n]/g, '')}\r\n`,
      () => `Host: ${host()}\r\nX: ${'y'.repeat(20_000)}\r\n`,
      () => `${junk(60)}\r\n`,
    ];
    const upgradeHeaders = [
      () => `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: ${pick([server.origin, 'http://evil.com', 'null', ''])}\r\n${next() < 0.5 ? `Cookie: ${server.cookie}\r\n` : ''}`,
      () => 'Connection: Upgrade\r\nUpgrade: x\r\n',
      () => 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 99\r\n',
      () => `Connection: Upgrade\r\nUpgrade: ${junk(10).replace(/[\r\n]/g, '')}\r\n`,
    ];
    const count = Number(process.env.SECURITY_FUZZ_COUNT ?? 400);
    const deadline = Date.now() + 60_000;
    let sent = 0;
    const statuses = new Map<number, number>();
    const unanswered: string[] = [];
    const failed: string[] = [];
    /** One fuzzed request: a request line, headers (upgrade ones 40% of the time) and sometimes a body. */
    const fuzzed = () => {
      const isUpgrade = next() < 0.4;
      const line = next() < 0.1 ? junk(Math.floor(next() * 200)) : `${pick(methods)} ${pick(targets)} ${pick(versions)}`;
      const headers = `${pick(headerSets)()}${isUpgrade ? pick(upgradeHeaders)() : ''}`;
      return { request: `${line}\r\n${headers}\r\n${next() < 0.2 ? junk(Math.floor(next() * 300)) : ''}`, reset: pick([undefined, undefined, 'sent', 'answer'] as const) };
    };
    while (sent < count && Date.now() < deadline) {
      // Ten different requests at a time: enough to overlap answers and resets, few enough for a shared machine.
      const batch = Array.from({ length: 10 }, fuzzed);
      const answers = await Promise.all(batch.map(({ request, reset }) => rawRequest(server.port, request, { waitMs: 3_000, ...(reset && { reset }) })));
      answers.forEach((answer, i) => {
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        // A 500 is a handler that threw: every malformed request is the client's fault, a 4xx.
        if (answer.status === 500) failed.push(JSON.stringify(batch[i]!.request.slice(0, 300)));
        // A request we did not reset ourselves gets a status line, or the server closes it: never silence.
        // Except PRI: Node's parser takes it for the start of an HTTP/2 preface and waits for the rest,
        // as for any unfinished request, until the header deadline (the slowloris test holds that bound).
        const unfinished = batch[i]!.request.startsWith('PRI ');
        if (!batch[i]!.reset && !unfinished && !answer.answered && answer.status === 0) unanswered.push(JSON.stringify(batch[i]!.request.slice(0, 300)));
      });
      sent += batch.length;
      expect(server.alive(), `the server exited after ${sent} requests:\n${server.output().slice(-3000)}`).toBe(true);
    }
    expect(sent).toBeGreaterThanOrEqual(Math.min(count, 100));
    const seen = JSON.stringify([...statuses].sort(([a], [b]) => a - b));
    expect(unanswered, `requests with neither a status line nor a close within 3 s (statuses seen: ${seen})`).toEqual([]);
    expect(failed, `requests answered 500:\n${server.output().slice(-3000)}`).toEqual([]);
    // The fuzz reached the workbook's own answers (pages, 404s, the API), not only the parser's refusals.
    expect([101, 200, 401, 404, 405].filter((status) => statuses.has(status)), seen).not.toEqual([]);
    // Afterwards: the server answers, the shell and its background job are still there.
    expect((await fetch(`${server.origin}/en/`)).status).toBe(200);
    await expectShellAlive(shell, 3);
    shell.type('jobs\r');
    await shell.waitFor(/Running\s+sleep 600/, 10_000);
    // A fresh tab still gets the same shell.
    const second = await openShell(server);
    await expectShellAlive(second, 4);
    second.close();
    expect(server.output()).not.toMatch(/Unhandled|uncaught/i);
  }, 150_000);
});
