/** The room tools' instructor routes (/api/instructor/…), as the panels call them. */
export async function roomToolsRequest<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, body === undefined ? { headers: { accept: 'application/json' } } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(answer.error ?? `HTTP ${response.status}`);
  return answer;
}

/** A time in the page's language, hours and minutes. */
export function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString(document.documentElement.lang || 'en', { hour: '2-digit', minute: '2-digit' });
}

/** The strings a panel's component put on its element as data-* attributes. */
export function label(element: HTMLElement, name: string, params: Record<string, string | number> = {}): string {
  return (element.dataset[name] ?? name).replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
