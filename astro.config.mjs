// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { codeThemes } from './src/lessons/code-themes.ts';
import { workbookDevServer } from './src/server/astro-integration.ts';
import { lessonSearch } from './src/search/search-integration.ts';

// Pages are rendered by Astro; our own node:http server (src/server/) mounts Astro's handler in
// middleware mode, so one process also serves the JSON API and the terminal WebSocket.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'middleware' }),
  integrations: [mdx(), workbookDevServer(), lessonSearch()],
  markdown: { shikiConfig: { themes: codeThemes } },
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
  trailingSlash: 'ignore',
});
