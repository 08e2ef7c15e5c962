/**
 * The search page: answers the query from the language's index (on a phone that
 * saved the language, from its saved copy in one file; else only the files the
 * query needs are fetched), lists the results
 * ten at a time, and cuts a snippet from a result's saved page once the result
 * is on screen, with the query's pieces marked. Offline, a result whose page is
 * not on the phone says so.
 */
import { SearchEngine, type SearchResult, type WordSegmenter } from '../domain/search/search';
import { cutSnippet, type Highlight } from '../domain/search/snippet';
import type { Bundle, SearchHead } from '../domain/search/buildIndex';
import { fillPlaceholders, type PlaceholderValues } from '../i18n/placeholders';

const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u200E\u200F]/g;
const PAGE_SIZE = 10;
let engine: SearchEngine | undefined;

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

function khmerWords(locale: string): WordSegmenter | undefined {
  if (typeof Intl === 'undefined' || !('Segmenter' in Intl)) return undefined;
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  return (text) => [...segmenter.segment(text)].map((s) => s.segment);
}

/** The index's files in one, when the language is saved on this phone (never fetched for this). */
async function savedBundle(url: string): Promise<Bundle | undefined> {
  if (!('caches' in window)) return undefined;
  const saved = await caches.match(url);
  return saved ? ((await saved.json()) as Bundle) : undefined;
}

export function searchEngine(locale: string): SearchEngine {
  const base = `/${locale}/search-index`;
  let bundle: Promise<Bundle | undefined> | undefined;
  return (engine ??= new SearchEngine({
    head: async () => {
      const head = await fetchJson<SearchHead>(`${base}.json`);
      bundle = savedBundle(`${base}/${head.bundle}.json`).catch(() => undefined);
      return head;
    },
    part: async (name) => {
      const saved = (await bundle)?.parts[name];
      return saved === undefined ? fetchJson(`${base}/${name}.json`) : JSON.parse(saved);
    },
  }, khmerWords(locale)));
}

/** The query's results; once more with a fresh index if a file has gone (the site was updated meanwhile). */
export async function runSearch(locale: string, query: string): Promise<SearchResult> {
  try {
    return await searchEngine(locale).search(query);
  } catch (error) {
    if (!navigator.onLine) throw error;
    engine = undefined;
    return searchEngine(locale).search(query);
  }
}

/** The page's main text, from its saved copy. */
async function pageText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  doc.querySelectorAll('nav, .help-now, script, .sources, .pager, h1').forEach((el) => el.remove());
  // Blocks end in a space: "Run by" and "Ministry of Labour" in a list of terms stay two phrases.
  doc.querySelectorAll('main p, main li, main dt, main dd, main h2, main h3, main td, main th').forEach((el) => el.append(' '));
  return (doc.querySelector('main')?.textContent ?? '').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** The snippet of a text, with the query's pieces marked. */
export function snippet(text: string, highlight: Highlight): DocumentFragment {
  const { start, end, marks } = cutSnippet(text, highlight);
  const fragment = document.createDocumentFragment();
  if (start > 0) fragment.append('… ');
  let at = start;
  for (const [from, to] of marks) {
    fragment.append(text.slice(at, from));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(from, to);
    fragment.append(mark);
    at = to;
  }
  fragment.append(text.slice(at, end));
  if (end < text.length) fragment.append(' …');
  return fragment;
}

async function isOnPhone(url: string): Promise<boolean> {
  return 'caches' in window && (await caches.match(url)) !== undefined;
}

export async function startSearch(): Promise<void> {
  const locale = document.documentElement.lang;
  const strings = JSON.parse(document.getElementById('search-strings')?.textContent ?? '{}') as Record<string, string>;
  const fill = (key: string, values: PlaceholderValues) => fillPlaceholders(strings[key] ?? '', values);
  const query = new URLSearchParams(location.search).get('q')?.trim() ?? '';
  const input = document.getElementById('search-q') as HTMLInputElement | null;
  if (input) input.value = query;
  // For the benchmark: the same query path, timed without the page around it.
  (window as unknown as { sjSearch: (q: string) => Promise<{ kind: string; urls: string[] }> }).sjSearch = async (q) => {
    const result = await runSearch(locale, q);
    const shown = await searchEngine(locale).describe(result.hits.slice(0, PAGE_SIZE).map((h) => h.doc));
    return { kind: result.kind, urls: shown.map((d) => d.url) };
  };
  if (!query) return;

  const summary = document.getElementById('search-summary');
  const list = document.getElementById('search-results');
  const similar = document.getElementById('search-similar');
  const more = document.getElementById('search-more') as HTMLButtonElement | null;
  const empty = document.getElementById('search-empty');
  if (!summary || !list || !similar || !more || !empty) return;
  const result = await runSearch(locale, query);
  if (result.kind !== 'all') {
    summary.textContent = fill('none', { query });
    empty.hidden = false;
    if (result.kind === 'none') return;
    similar.hidden = false;
  } else {
    summary.textContent = fill(result.hits.length === 1 ? 'results_one' : 'results_other', { count: result.hits.length, query });
  }

  // Snippets only for results on screen: each page is fetched when its result scrolls into view.
  const observer = 'IntersectionObserver' in window
    ? new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer?.unobserve(entry.target);
        void fillSnippet(entry.target as HTMLLIElement);
      }
    }, { rootMargin: '100px' })
    : undefined;
  const fillSnippet = async (item: HTMLLIElement) => {
    const url = item.querySelector('a')!.getAttribute('href')!;
    const text = item.querySelector('.snippet')!;
    try {
      text.replaceChildren(snippet(await pageText(url), result.highlight));
    } catch {
      if (!(await isOnPhone(url))) {
        item.classList.add('not-saved');
        text.textContent = strings.notOnPhone ?? '';
      }
    }
  };

  let shown = 0;
  const showMore = async () => {
    const next = result.hits.slice(shown, shown + PAGE_SIZE);
    shown += next.length;
    const pages = await searchEngine(locale).describe(next.map((h) => h.doc));
    for (const { url, title } of pages) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = url;
      link.textContent = title;
      const text = document.createElement('p');
      text.className = 'snippet';
      // Three empty lines, about a snippet's height: the results below do not move when it comes.
      text.append('\u00a0', document.createElement('br'), '\u00a0', document.createElement('br'), '\u00a0');
      item.append(link, text);
      list.append(item);
      if (observer) observer.observe(item);
      else void fillSnippet(item);
    }
    more.hidden = shown >= result.hits.length;
  };
  more.textContent = strings.more ?? '';
  more.onclick = () => {
    const first = list.children.length;
    void showMore().then(() => (list.children[first]?.querySelector('a') as HTMLElement | null)?.focus());
  };
  await showMore();
}
