/**
 * Joining the workshop, as a part of the workbook server:
 *
 * - `POST /workshop/join` {eventCode, name, lang}: the one request a browser may make before it is
 *   anyone. Only from the workbook's own pages (Origin checked; Host is checked for every request).
 *   A right code and a name add the learner (unless the workshop is full) and answer with the
 *   learner cookie and their personal rejoin link.
 * - `POST /workshop/rejoin` {token}: the rejoin link (`/join#rejoin=…`, the token in the fragment, so
 *   it never reaches a log) signs this browser in as that learner again.
 * - `GET /api/workshop/me`: who this browser is (the join page shows a learner their rejoin link).
 * - A page asked for by a browser that is nobody is answered with the join page's address.
 *
 * Every refusal says what happened and what to do, in the language of the page that asked.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLanguage, type Language } from '../i18n/languages.ts';
import { useTranslations } from '../i18n/translate.ts';
import type { WorkbookFeature } from '../server/feature.ts';
import { sendJson } from '../server/json-http.ts';
import type { RequestGuard } from '../server/request-guard.ts';
import type { ProgressStore } from '../progress/progress-store.ts';
import { normalizeEventCode } from './event-code.ts';
import { maxDisplayNameLength, type WorkshopRoster } from './workshop-roster.ts';
import type { WorkshopSignIn } from './workshop-sign-in.ts';

export const joinPath = '/workshop/join';
export const rejoinPath = '/workshop/rejoin';
export const mePath = '/api/workshop/me';

export interface JoinFeatureOptions {
  guard: RequestGuard;
  roster: WorkshopRoster;
  signIn: WorkshopSignIn;
  store: ProgressStore;
  capacity: number;
  prefixes: boolean;
  /** `https` when the server serves TLS: rejoin links are built with it. */
  scheme: 'http' | 'https';
}

const maxBody = 4096;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | 'too-large' | undefined> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > maxBody) return 'too-large';
  }
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A display name as kept: spaces collapsed, no control or invisible formatting characters. */
export function cleanDisplayName(typed: string): string {
  return typed.normalize('NFC').replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim();
}

/** The join page for a path's language: /ja/… joins in Japanese, everything else at /join. */
export const joinPageFor = (lang: Language) => (lang === 'ja' ? '/ja/join' : '/join');

/** Pages and nothing else: built assets, files with an extension and our own endpoints pass. */
function isPage(pathname: string): boolean {
  if (pathname.startsWith('/_astro/') || pathname.startsWith('/api/') || pathname.startsWith('/workshop/')) return false;
  if (/^\/(?:[a-z]{2}\/)?join\/?$/.test(pathname)) return false;
  return !/\.[A-Za-z0-9]+$/.test(pathname);
}

export function createJoinFeature(options: JoinFeatureOptions): WorkbookFeature {
  const { guard, roster, signIn } = options;
  const rejoinLink = (req: IncomingMessage, lang: Language, token: string) => `${options.scheme}://${req.headers.host}${joinPageFor(lang)}#rejoin=${token}`;

  async function join(req: IncomingMessage, res: ServerResponse) {
    const body = await readJson(req);
    const lang: Language = body && body !== 'too-large' && isLanguage(body.lang) ? body.lang : 'en';
    const t = useTranslations(lang);
    if (body === 'too-large') return sendJson(res, 413, { error: t('workshop.join.too-large') });
    const typedCode = typeof body?.eventCode === 'string' ? body.eventCode : '';
    const typedName = typeof body?.name === 'string' ? body.name : '';
    const name = cleanDisplayName(typedName);
    const problems: Array<{ field: 'eventCode' | 'name'; message: string }> = [];
    const code = normalizeEventCode(typedCode);
    if (!typedCode.trim()) problems.push({ field: 'eventCode', message: t('workshop.join.code-empty') });
    else if (code !== roster.identity.eventCode) problems.push({ field: 'eventCode', message: t('workshop.join.code-wrong') });
    if (!name) problems.push({ field: 'name', message: t('workshop.join.name-empty') });
    else if ([...name].length > maxDisplayNameLength) problems.push({ field: 'name', message: t('workshop.join.name-long', { max: maxDisplayNameLength, length: [...name].length }) });
    if (problems.length > 0) return sendJson(res, 400, { error: problems.map((p) => p.message).join(' '), problems });

    // Joined already in this browser: the same learner again, not a second seat.
    const existing = signIn.learnerToken(req);
    if (existing) {
      const learner = roster.byToken(existing)!;
      return sendJson(res, 200, { joined: true, again: true, name: learner.displayName, rejoinLink: rejoinLink(req, lang, existing), next: `/${lang}/` });
    }
    const outcome = roster.join({ displayName: name, language: lang, capacity: options.capacity, prefixes: options.prefixes });
    if ('full' in outcome) return sendJson(res, 409, { error: t('workshop.join.full', { capacity: outcome.capacity }), full: true });
    const { joined, rejoinToken } = outcome;
    if (joined.awsPrefix) {
      // The lessons' names and the checks read the learner's settings: the prefix goes there.
      const learnerStore = options.store.forLearner(joined.id);
      learnerStore.putSettings({ ...learnerStore.getSettings(), prefix: joined.awsPrefix });
    }
    sendJson(res, 200, { joined: true, name: joined.displayName, rejoinLink: rejoinLink(req, lang, rejoinToken), next: `/${lang}/` }, { 'set-cookie': signIn.learnerCookie(rejoinToken) });
  }

  async function rejoin(req: IncomingMessage, res: ServerResponse) {
    const body = await readJson(req);
    const lang: Language = body && body !== 'too-large' && isLanguage(body.lang) ? body.lang : 'en';
    const t = useTranslations(lang);
    const token = body && body !== 'too-large' && typeof body.token === 'string' ? body.token : '';
    const learner = token ? roster.byToken(token) : undefined;
    if (!learner) return sendJson(res, 403, { error: t('workshop.rejoin.wrong') });
    sendJson(res, 200, { joined: true, name: learner.displayName, rejoinLink: rejoinLink(req, lang, token), next: `/${lang}/` }, { 'set-cookie': signIn.learnerCookie(token) });
  }

  return {
    async handleRequest(req, res, url, principal) {
      const { pathname } = url;
      if (pathname === joinPath || pathname === rejoinPath) {
        const t = useTranslations('en');
        if (req.method !== 'POST') {
          sendJson(res, 405, { error: t('workshop.join.method') }, { allow: 'POST' });
          return true;
        }
        // Before anyone is signed in, the Origin is what keeps a foreign page from joining this browser.
        if (!guard.isAllowedOrigin(req)) {
          sendJson(res, 403, { error: t('workshop.join.origin') });
          return true;
        }
        if ((req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json') {
          sendJson(res, 415, { error: 'Send JSON with "Content-Type: application/json".' });
          return true;
        }
        await (pathname === joinPath ? join(req, res) : rejoin(req, res));
        return true;
      }
      if (pathname === mePath) {
        if (principal?.kind === 'instructor') sendJson(res, 200, { kind: 'instructor' });
        else if (principal?.kind === 'learner') {
          const learner = roster.get(principal.id);
          const token = signIn.learnerToken(req);
          const lang = isLanguage(url.searchParams.get('lang')) ? (url.searchParams.get('lang') as Language) : (learner?.language ?? 'en');
          sendJson(res, 200, { kind: 'learner', name: learner?.displayName, awsPrefix: learner?.awsPrefix, ...(token && { rejoinLink: rejoinLink(req, lang, token) }) });
        } else sendJson(res, 401, { error: 'Not joined.' });
        return true;
      }
      if (!principal && (req.method === 'GET' || req.method === 'HEAD') && isPage(pathname)) {
        // Nobody yet: the lessons are for learners who joined. The fragment (#sign-in=… of the
        // instructor's link) survives the redirect, so the join page signs the instructor in.
        const lang: Language = pathname === '/ja' || pathname.startsWith('/ja/') ? 'ja' : 'en';
        res.writeHead(303, { location: joinPageFor(lang), 'cache-control': 'no-store' });
        res.end();
        return true;
      }
      return false;
    },
  };
}
