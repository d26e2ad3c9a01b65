/**
 * Every browser test signs in the way a learner does, once per test: the page script's
 * POST /api/session with the token of the printed link, through the browser context's own request
 * context, so the session cookie lands in the browser. `request` (API calls made by a test) is
 * signed in the same way. `test.use({ signedIn: false })` gives a browser that has not signed in.
 */
import { test as base, expect, type APIRequestContext } from '@playwright/test';
import { e2eOrigin, e2eSignInToken } from '../../playwright.config.ts';

async function signIn(request: APIRequestContext) {
  const response = await request.post('/api/session', { headers: { origin: e2eOrigin, 'content-type': 'application/json' }, data: { token: e2eSignInToken } });
  if (!response.ok()) throw new Error(`Sign-in failed with HTTP ${response.status()}: ${await response.text()}`);
}

export const test = base.extend<{ signedIn: boolean }>({
  signedIn: [true, { option: true }],
  context: async ({ context, signedIn }, use) => {
    if (signedIn) await signIn(context.request);
    await use(context);
  },
  request: async ({ request, signedIn }, use) => {
    if (signedIn) await signIn(request);
    await use(request);
  },
});

export { expect, e2eSignInToken };
