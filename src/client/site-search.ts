/**
 * The header's lesson search (SiteSearch.astro) over Pagefind's JS API. Pagefind picks the index
 * of the page's <html lang>, so the Japanese pages find Japanese lessons.
 */
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  search(query: string): Promise<{ results: { id: string; data(): Promise<PagefindResultData> }[] } | null>;
}

const maxResults = 8;
let loading: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  // A path only the built site has: kept out of the bundler's reach on purpose.
  const path = '/pagefind/pagefind.js';
  loading ??= import(/* @vite-ignore */ path).then(async (module: Pagefind) => {
    await module.options({ excerptLength: 20 });
    return module;
  });
  return loading;
}

/** Pagefind's excerpt is HTML with <mark> around the hits: keep only its text and marks. */
function excerptNodes(excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html').body.firstElementChild;
  return [...(parsed?.childNodes ?? [])].map((node) => {
    if (node.nodeName === 'MARK') return Object.assign(document.createElement('mark'), { textContent: node.textContent });
    return document.createTextNode(node.textContent ?? '');
  });
}

export function installSiteSearch() {
  for (const root of document.querySelectorAll<HTMLElement>('[data-site-search]')) {
    const input = root.querySelector('input')!;
    const panel = root.querySelector<HTMLElement>('.site-search-panel')!;
    const list = root.querySelector<HTMLOListElement>('ol')!;
    const status = root.querySelector<HTMLElement>('[data-search-status]')!;
    const message = root.querySelector<HTMLElement>('[data-search-message]')!;
    let latest = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const say = (text: string) => {
      message.textContent = text;
      message.hidden = !text;
    };

    const run = async () => {
      const query = input.value.trim();
      const ticket = ++latest;
      if (!query) {
        panel.hidden = true;
        list.replaceChildren();
        return;
      }
      try {
        const pagefind = await loadPagefind();
        const found = await pagefind.search(query);
        const results = await Promise.all((found?.results ?? []).slice(0, maxResults).map((result) => result.data()));
        if (ticket !== latest) return; // a newer query is on its way
        list.replaceChildren(
          ...results.map((result) => {
            const item = document.createElement('li');
            const link = Object.assign(document.createElement('a'), { href: result.url, textContent: result.meta.title ?? result.url });
            const excerpt = document.createElement('p');
            excerpt.append(...excerptNodes(result.excerpt));
            item.append(link, excerpt);
            return item;
          }),
        );
        say(results.length ? '' : (root.dataset.noResults ?? '').replace('{query}', query));
        status.textContent = (root.dataset.results ?? '').replace('{count}', String(results.length));
      } catch {
        if (ticket !== latest) return;
        list.replaceChildren();
        say(root.dataset.unavailable ?? '');
      }
      panel.hidden = false;
    };

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), 150);
    });
    // Esc clears and closes; a click outside closes.
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        input.value = '';
        void run();
      }
    });
    document.addEventListener('click', (event) => {
      if (!root.contains(event.target as Node)) panel.hidden = true;
    });
    input.addEventListener('focus', () => {
      if (input.value.trim() && list.childElementCount + (message.hidden ? 0 : 1) > 0) panel.hidden = false;
    });
  }
}
