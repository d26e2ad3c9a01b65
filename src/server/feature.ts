/**
 * The contract a part of the server plugs in by (the API, the terminal, later the workshop room).
 * It lives apart from `workbook.ts`, the composer, so a feature never imports the file that
 * composes it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Principal } from '../shared/principal.ts';

/** A part of the server that answers some requests or upgrades (the API, the terminal). */
export interface WorkbookFeature {
  /**
   * Answers the request and returns true, or returns false to pass it on. `principal` is who the
   * edge found the request to be, undefined when it is not signed in.
   */
  handleRequest?(req: IncomingMessage, res: ServerResponse, url: URL, principal: Principal | undefined): boolean | Promise<boolean>;
  /** Takes over the upgrade and returns true, or returns false to pass it on. */
  handleUpgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, principal: Principal | undefined): boolean;
  close?(): void | Promise<void>;
}
