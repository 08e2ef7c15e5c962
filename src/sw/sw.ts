/// <reference lib="webworker" />
/**
 * The service worker. Workbox precaches the shell (CSS, JavaScript, icons,
 * manifests, the Khmer font, the offline pages, the language packs' lists);
 * the pages of a language are saved on request (the visitor's language after
 * the first visit, the other one when the person asks), with progress
 * reported to the pages. Navigations are answered from the saved pages, then
 * the network, then the offline page in the URL's language.
 * /api/* and /partner/* are never cached: no route here touches them.
 */
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '../domain/locales';
import type { SaveState } from '../domain/offlineStatus';
import { handleSync, type SyncEventLike } from './backgroundSync';
import { offlinePageUrl, packUrl, type FromWorker, type LanguagePack, type ToWorker } from './protocol';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const pageCacheName = (locale: Locale) => `sj-pages-${locale}`;
/** The record of what is saved, kept in the page cache itself under this key. */
const STATE_KEY = '/__saved-state__';
interface SavedState { complete: boolean; revisions: Record<string, string> }

const NEVER_CACHED = /^\/(api|partner)(\/|$)/;

async function broadcast(message: FromWorker): Promise<void> {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: 'window' })) client.postMessage(message);
}

async function readState(locale: Locale): Promise<SavedState | undefined> {
  if (!(await caches.has(pageCacheName(locale)))) return undefined; // looking must not create it
  const cache = await caches.open(pageCacheName(locale));
  const response = await cache.match(STATE_KEY);
  return response ? ((await response.json()) as SavedState) : undefined;
}

async function writeState(locale: Locale, state: SavedState): Promise<void> {
  const cache = await caches.open(pageCacheName(locale));
  await cache.put(STATE_KEY, new Response(JSON.stringify(state), { headers: { 'Content-Type': 'application/json' } }));
}

async function status(): Promise<Record<Locale, SaveState>> {
  const entries = await Promise.all(LOCALES.map(async (l) => {
    const state = await readState(l);
    const value: SaveState = saving.has(l) ? 'saving' : state?.complete ? 'ready' : state ? 'failed' : 'none';
    return [l, value] as const;
  }));
  return Object.fromEntries(entries) as Record<Locale, SaveState>;
}

const saving = new Map<Locale, Promise<void>>();

/** Saves (or brings up to date) every page of a language; only changed pages are fetched again. */
function saveLanguage(locale: Locale): Promise<void> {
  const running = saving.get(locale);
  if (running) return running;
  const job = (async () => {
    const packResponse = (await matchPrecache(packUrl(locale))) ?? (await fetch(packUrl(locale)));
    const pack = (await packResponse.json()) as LanguagePack;
    const cache = await caches.open(pageCacheName(locale));
    const state: SavedState = (await readState(locale)) ?? { complete: false, revisions: {} };
    // Over the budget the pack is the core set: the other pages read so far are kept, and brought up to date too.
    const read = (pack.other ?? []).filter((p) => state.revisions[p.url] !== undefined);
    const wanted = new Set([...pack.pages, ...(pack.other ?? [])].map((p) => p.url));
    const todo = [];
    for (const page of [...pack.pages, ...read]) {
      if (state.revisions[page.url] !== page.revision || !(await cache.match(page.url))) todo.push(page);
    }
    if (todo.length === 0 && state.complete) {
      await broadcast({ type: 'SAVE_DONE', locale }); // already up to date: nothing fetched
      return;
    }
    state.complete = false;
    const total = pack.pages.length + read.length;
    let done = total - todo.length;
    await broadcast({ type: 'SAVE_PROGRESS', locale, done, total });
    // A few at a time: quick on a good network, gentle on a bad one.
    const queue = [...todo];
    const worker = async () => {
      for (let page = queue.shift(); page; page = queue.shift()) {
        const response = await fetch(page.url, { cache: 'no-cache', credentials: 'same-origin' });
        if (!response.ok) throw new Error(`${page.url}: ${response.status}`);
        await cache.put(page.url, response);
        state.revisions[page.url] = page.revision;
        done += 1;
        await broadcast({ type: 'SAVE_PROGRESS', locale, done, total });
      }
    };
    try {
      await Promise.all([worker(), worker(), worker()]);
    } finally {
      await writeState(locale, state);
    }
    // Pages that no longer exist are removed.
    for (const request of await cache.keys()) {
      const path = new URL(request.url).pathname;
      if (path !== STATE_KEY && !wanted.has(path)) await cache.delete(request);
    }
    state.complete = true;
    await writeState(locale, state);
    await broadcast({ type: 'SAVE_DONE', locale });
  })()
    .catch(async () => {
      await broadcast({ type: 'SAVE_FAILED', locale });
    })
    .finally(() => saving.delete(locale));
  saving.set(locale, job);
  return job;
}

/** A page of a saved language left out of its pack (only the core set fits the budget) is kept once she reads it. */
async function keepRead(locale: Locale, key: string, response: Response): Promise<void> {
  await saving.get(locale); // one writer of the saved state at a time
  const state = await readState(locale);
  if (!state) return; // the language is not saved: nothing is kept
  const pack = (await (await matchPrecache(packUrl(locale)))?.json()) as LanguagePack | undefined;
  const page = pack?.other?.find((p) => p.url === key);
  if (!page) return;
  await (await caches.open(pageCacheName(locale))).put(key, response);
  state.revisions[key] = page.revision;
  await writeState(locale, state);
}

/** `/km/hotlines` and `/km/hotlines/?x` are saved as `/km/hotlines/`. */
function pageKey(url: URL): string {
  const path = url.pathname;
  return path.endsWith('/') || /\.[a-z0-9]+$/i.test(path) ? path : `${path}/`;
}

function localeOf(path: string): Locale | undefined {
  const first = path.split('/')[1];
  return isLocale(first) ? first : undefined;
}

registerRoute(
  ({ request, url }) => request.mode === 'navigate' && url.origin === self.location.origin && !NEVER_CACHED.test(url.pathname),
  async ({ request, url, event }) => {
    const key = pageKey(url);
    const pathLocale = localeOf(key);
    for (const locale of pathLocale ? [pathLocale] : LOCALES) {
      const hit = await caches.match(key, { cacheName: pageCacheName(locale) });
      if (hit) return hit;
    }
    try {
      const response = await fetch(request);
      if (response.ok && pathLocale) (event as ExtendableEvent).waitUntil(keepRead(pathLocale, key, response.clone()));
      return response;
    } catch (error) {
      // A language counts as saved once its home page is: `/` goes there, unknown pages get its offline page.
      const savedLocales: Locale[] = [];
      for (const l of LOCALES) if (await caches.match(`/${l}/`, { cacheName: pageCacheName(l) })) savedLocales.push(l);
      if (key === '/' && savedLocales[0]) return Response.redirect(`/${savedLocales[0]}/`, 302);
      const locale = pathLocale ?? savedLocales[0] ?? DEFAULT_LOCALE;
      const fallback = await matchPrecache(offlinePageUrl(locale));
      if (fallback) return fallback;
      throw error;
    }
  },
);

// The saved pages and search index also answer the pages' own fetches (search snippets, the index).
registerRoute(
  ({ request, url }) => request.method === 'GET' && request.mode !== 'navigate' && url.origin === self.location.origin && localeOf(url.pathname) !== undefined,
  async ({ request, url }) => {
    const locale = localeOf(url.pathname)!;
    const hit = await caches.match(pageKey(url), { cacheName: pageCacheName(locale) });
    return hit ?? fetch(request);
  },
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const message = event.data as ToWorker | undefined;
  if (!message) return;
  if (message.type === 'SKIP_WAITING') {
    // Only when the person pressed "Reload": never swap the page under someone typing.
    void self.skipWaiting();
  } else if (message.type === 'SAVE_LANGUAGE' && isLocale(message.locale)) {
    event.waitUntil(saveLanguage(message.locale));
  } else if (message.type === 'GET_STATUS') {
    event.waitUntil(status().then((saved) => (event.source as Client | null)?.postMessage({ type: 'STATUS', saved } satisfies FromWorker)));
  }
});

// Background Sync: the queue is sent when the connection returns, even with the pages closed.
self.addEventListener('sync', (event) => handleSync(event as unknown as SyncEventLike));

// The first service worker takes control at once, so the first visit can save
// the site; later ones wait for the person (see SKIP_WAITING).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
