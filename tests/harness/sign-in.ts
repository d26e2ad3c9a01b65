/**
 * Signs a non-browser client in the way the page's script does (POST /api/session with the token
 * from the printed link) and returns the session cookie as a `Cookie` header value.
 */
export async function signIn(origin: string, token: string): Promise<string> {
  const response = await fetch(`${origin}/api/session`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  const cookie = response.headers.get('set-cookie');
  if (response.status !== 200 || !cookie) throw new Error(`Sign-in failed with HTTP ${response.status}: ${await response.text()}`);
  return cookie.split(';')[0]!;
}
