import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Workbook } from './workbook.ts';

/** How long a client may take to send its headers, and its whole request (bodies are small). */
export const headersTimeoutMs = 20_000;
export const requestTimeoutMs = 30_000;

/**
 * Wires the workbook into a node:http server, the same way for `npm start` and the tests: every
 * request goes through `workbook.handleRequest` (which always answers), every upgrade through
 * `workbook.handleUpgrade` (which never throws), and every socket has an error listener from the
 * moment it connects, so a client that resets mid-answer costs only its own connection, never the
 * process that holds the learner's shell. `pages` renders what the workbook does not answer itself.
 */
export function serveWorkbook(server: Server, workbook: Workbook, pages: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>) {
  server.headersTimeout = headersTimeoutMs;
  server.requestTimeout = requestTimeoutMs;
  server.on('connection', (socket) => socket.on('error', () => socket.destroy()));
  server.on('request', (req, res) => void workbook.handleRequest(req, res, () => pages(req, res)));
  server.on('upgrade', (req, socket, head) => {
    if (!workbook.handleUpgrade(req, socket, head)) socket.destroy();
  });
}
