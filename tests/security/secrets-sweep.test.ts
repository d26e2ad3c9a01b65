/**
 * The probe's "what held" for secrets: after a signed-in browser ran checks against a real AWS
 * endpoint (moto) with the learner's keys, the launch secret, the sign-in token and the session
 * never show in a page fetched without the cookie, in the server's output (the token only in the
 * printed link) or in the data folder; the AWS secret key and session token show nowhere at all.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../harness/sign-in.ts';
import { startMoto, type Moto } from '../harness/moto.ts';
import { startRealServer, type RealServer } from './real-server.ts';

// Distinct values, so a hit cannot be a coincidence.
const awsSecretKey = 'whatHeldSweep/SecretAccessKey+0123456789ab';
const awsSessionToken = 'whatHeldSweepSessionToken0123456789abcdefghijklmnop';

let moto: Moto;
let server: RealServer;
let cookie: string;
let secret: string;
const answers: { where: string; text: string }[] = [];

async function read(path: string, headers: Record<string, string> = {}, init: RequestInit = {}) {
  const response = await fetch(`${server.origin}${path}`, { ...init, headers, signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  answers.push({ where: `${init.method ?? 'GET'} ${path} ${headers.cookie ? 'signed in' : 'without cookie'}`, text });
  return { status: response.status, text };
}

/** Every file under the data folder, as bytes read as latin1 (the database and its journal included). */
function dataFiles(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? dataFiles(path) : [{ path, text: readFileSync(path, 'latin1') }];
  });
}

beforeAll(async () => {
  moto = await startMoto();
  // A real launch: a random one-time token, read from the printed link as the learner would.
  server = await startRealServer({ ...moto.env, AWS_ACCESS_KEY_ID: 'AKIAWHATHELDSWEEP001', AWS_SECRET_ACCESS_KEY: awsSecretKey, AWS_SESSION_TOKEN: awsSessionToken }, { randomToken: true });
  cookie = await signIn(server.origin, server.token);
  secret = /"secret":"([A-Za-z0-9_-]+)"/.exec((await read('/en/before-you-start/', { cookie })).text)?.[1] ?? '';
  expect(secret.length).toBeGreaterThan(20);
  const headers = { cookie, origin: server.origin, 'content-type': 'application/json' };
  for (const step of ['setup/aws-identity', 'setup/aws-identity', 'network/vpc']) {
    const run = await read('/api/checks/run', headers, { method: 'POST', body: JSON.stringify({ step, lang: 'en' }) });
    expect(run.status, run.text).toBe(200);
  }
  expect(JSON.parse(answers.at(-2)!.text).attempt.status).toBe('pass');
  // The pages the learner can reach from the home page, with and without the cookie.
  const home = (await read('/en/', { cookie })).text;
  const pages = [...new Set([...home.matchAll(/href="(\/(?:en|ja)\/[^"#?]*)"/g)].map((match) => match[1]!))].slice(0, 15);
  expect(pages.length).toBeGreaterThan(3);
  for (const page of ['/en/', '/ja/', ...pages]) {
    await read(page);
    await read(page, { cookie });
  }
  for (const api of ['/api/progress?lang=en', '/api/progress?lang=ja', '/api/settings', '/api/progress/export']) await read(api, { cookie });
  for (const api of ['/api/progress?lang=en', '/api/settings']) await read(api);
}, 240_000);
afterAll(async () => {
  await server?.close();
  await moto?.stop();
});

describe('secrets after a signed-in session ran checks', () => {
  const sessionValue = () => cookie.split('=')[1]!;

  it('no page or answer without the cookie carries the launch secret, the token or the session', () => {
    const unsigned = answers.filter((answer) => answer.where.endsWith('without cookie'));
    expect(unsigned.length).toBeGreaterThan(10);
    for (const { where, text } of unsigned) {
      for (const [name, value] of [['launch secret', secret], ['sign-in token', server.token], ['session', sessionValue()]] as const) {
        expect(text.includes(value), `${name} in ${where}`).toBe(false);
      }
    }
    // The control: signed-in pages do carry the secret, so the search would find it.
    expect(answers.some(({ where, text }) => where.endsWith('signed in') && text.includes(secret))).toBe(true);
  });

  it('no page or API answer, signed in or not, carries the AWS secret key or session token', () => {
    for (const { where, text } of answers) {
      expect(text.includes(awsSecretKey), `AWS secret key in ${where}`).toBe(false);
      expect(text.includes(awsSessionToken), `AWS session token in ${where}`).toBe(false);
    }
  });

  it('the server\'s output has the token only in the printed link, and never the secret, the session or the AWS keys', () => {
    const output = server.output();
    expect(output).toContain(`#sign-in=${server.token}`);
    const withoutLink = output.replaceAll(`#sign-in=${server.token}`, '#sign-in=<link>');
    for (const [name, value] of [['sign-in token', server.token], ['launch secret', secret], ['session', sessionValue()], ['AWS secret key', awsSecretKey], ['AWS session token', awsSessionToken]] as const) {
      expect(withoutLink.includes(value), `${name} in the server's output`).toBe(false);
    }
  });

  it('the data folder (the SQLite file and its journal) holds none of them', () => {
    const files = dataFiles(server.dataDir);
    // The control: the checks were recorded there.
    expect(files.some(({ text }) => text.includes('setup/aws-identity'))).toBe(true);
    for (const { path, text } of files) {
      for (const [name, value] of [['launch secret', secret], ['sign-in token', server.token], ['session', sessionValue()], ['AWS secret key', awsSecretKey], ['AWS session token', awsSessionToken]] as const) {
        expect(text.includes(value), `${name} in ${path}`).toBe(false);
      }
    }
  });
});
