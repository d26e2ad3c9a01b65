import { createServer, type Server } from 'node:http';
import { e2eOrigin } from '../../playwright.config.ts';
import { expect, test } from './fixtures.ts';

// Browsers share cookies across a host's ports, and send a longer Path first. A page on any
// other port of 127.0.0.1 (the lesson's sample app, a dev server) can plant a cookie with our
// session cookie's name for /api and /terminal; the learner must stay signed in regardless.
const port = new URL(e2eOrigin).port;
const cookieName = `ecs-workbook-session-${port}`;
let other: Server;
let otherOrigin: string;

test.beforeAll(async () => {
  other = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'set-cookie': [`${cookieName}=planted-by-another-port; Path=/api`, `${cookieName}=planted-by-another-port; Path=/terminal`, `${cookieName}=planted-by-another-port; Path=/en/`],
    });
    res.end('<!doctype html><title>Another local app</title><p>Another local app</p>');
  });
  await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
  otherOrigin = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
});
test.afterAll(() => new Promise<void>((done) => other.close(() => done())));

test('a same-named cookie planted from another port does not lock the learner out', async ({ page, context }) => {
  await page.goto(`${otherOrigin}/`);
  await expect(page.getByText('Another local app')).toBeVisible();
  // The planted cookies are really there, beside the session, for the workbook's own origin.
  const sent = (await context.cookies(`${e2eOrigin}/api/progress`)).filter((cookie) => cookie.name === cookieName);
  expect(sent.map((cookie) => cookie.value)).toContain('planted-by-another-port');
  expect(sent.length).toBeGreaterThanOrEqual(2);

  await page.goto('/en/before-you-start/');
  // The page, the API and the terminal all still see the signed-in browser.
  await expect(page.locator('[data-terminal-pane]')).toHaveAttribute('data-status', 'live');
  await page.locator('[data-terminal-pane] .xterm').click();
  await page.keyboard.type('echo still-signed-in-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-terminal-pane] .xterm-rows')).toContainText('still-signed-in-42');
  expect((await page.request.get('/api/progress')).status()).toBe(200);
  await expect(page.locator('[data-check-run]').first()).toBeEnabled();
});
