/**
 * The search page: loads the language's index (saved for offline use), finds
 * the query's pages, and cuts a snippet with the words highlighted from each
 * saved page. No network needed once the site is saved.
 */
import { searchIndex, type SearchHit, type SearchIndex } from '../domain/search/searchIndex';
import { normalizeText } from '../domain/search/tokenize';

const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u200E\u200F]/g;
let indexPromise: Promise<SearchIndex> | undefined;

export function loadIndex(locale: string): Promise<SearchIndex> {
  return (indexPromise ??= fetch(`/${locale}/search-index.json`).then((r) => r.json() as Promise<SearchIndex>));
}

/** The page's main text, from its saved copy. */
async function pageText(url: string): Promise<string> {
  const html = await (await fetch(url)).text();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('nav, .help-now, script, .sources, .pager').forEach((el) => el.remove());
  return (doc.querySelector('main')?.textContent ?? '').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** A piece of text around the first match, with every match marked. */
export function snippet(text: string, terms: string[], size = 160): DocumentFragment {
  // normalizeText keeps positions here: invisible characters are already gone, and
  // lower-casing and Khmer digits keep the length of this text.
  const normal = normalizeText(text);
  const first = Math.min(...terms.map((t) => normal.indexOf(t)).filter((i) => i >= 0));
  const start = Number.isFinite(first) ? Math.max(0, first - size / 3) : 0;
  const end = Math.min(text.length, start + size);
  const fragment = document.createDocumentFragment();
  if (start > 0) fragment.append('… ');
  let at = start;
  const piece = normal.slice(start, end);
  const marks: [number, number][] = [];
  for (const term of terms.filter(Boolean)) {
    for (let i = piece.indexOf(term); i >= 0; i = piece.indexOf(term, i + term.length)) marks.push([start + i, start + i + term.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  for (const [from, to] of marks) {
    if (from < at) continue;
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

export async function runSearch(locale: string, query: string): Promise<SearchHit[]> {
  const index = await loadIndex(locale);
  return searchIndex(index, query);
}

export async function startSearch(): Promise<void> {
  const locale = document.documentElement.lang;
  const strings = JSON.parse(document.getElementById('search-strings')?.textContent ?? '{}') as Record<string, string>;
  const fill = (key: string, values: Record<string, string | number>) => (strings[key] ?? '').replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
  const query = new URLSearchParams(location.search).get('q')?.trim() ?? '';
  const input = document.getElementById('search-q') as HTMLInputElement | null;
  if (input) input.value = query;
  // For the benchmark: the same query path, timed without the page around it.
  (window as unknown as { sjSearch: (q: string) => Promise<SearchHit[]> }).sjSearch = (q) => runSearch(locale, q);
  if (!query) return;

  const hits = await runSearch(locale, query);
  const summary = document.getElementById('search-summary');
  const list = document.getElementById('search-results');
  const empty = document.getElementById('search-empty');
  if (!summary || !list || !empty) return;
  if (!hits.length) {
    summary.textContent = fill('none', { query });
    empty.hidden = false;
    return;
  }
  summary.textContent = fill(hits.length === 1 ? 'results_one' : 'results_other', { count: hits.length, query });
  for (const hit of hits) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = hit.url;
    link.textContent = hit.title;
    const text = document.createElement('p');
    text.className = 'snippet';
    item.append(link, text);
    list.append(item);
    pageText(hit.url).then((body) => text.replaceChildren(snippet(body, hit.terms))).catch(() => undefined);
  }
}
