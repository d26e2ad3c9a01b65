import type { AstroIntegration } from 'astro';
import { createWorkbook, type Workbook } from './workbook.ts';

/**
 * Gives `astro dev` the same server features as `npm start`: the same workbook object answers the
 * API and the terminal upgrade on Vite's http server, and hands the same locals to every page.
 */
export function workbookDevServer(): AstroIntegration {
  let workbook: Workbook | undefined;
  return {
    name: 'ecs-workbook:dev-server',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const port = server.config.server.port ?? 4321;
        workbook = createWorkbook({ host: typeof server.config.server.host === 'string' ? server.config.server.host : '127.0.0.1', port });
        const current = workbook;
        server.middlewares.use((req, res, next) => {
          (req as unknown as Record<symbol, unknown>)[Symbol.for('astro.locals')] = { workbook: current.localsFor(req) };
          // As with `npm start`: a signed-in page carries the launch secret, so nothing is cached
          // (Vite sets its own header on the modules it serves after this).
          res.setHeader('cache-control', 'no-store');
          void current.handleRequest(req, res, next);
        });
        server.httpServer?.once('listening', () => {
          const address = server.httpServer?.address();
          const actual = typeof address === 'object' && address ? address.port : port;
          console.log(`ECS Workbook: sign this browser in with http://127.0.0.1:${actual}/#sign-in=${current.signIn.token}`);
        });
        // Vite's own HMR socket also upgrades on this server: we take only our paths.
        server.httpServer?.on('upgrade', (req, socket, head) => {
          current.handleUpgrade(req, socket, head);
        });
      },
      'astro:server:done': async () => {
        await workbook?.close();
      },
    },
  };
}
