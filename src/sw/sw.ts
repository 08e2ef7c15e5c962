/// <reference lib="webworker" />
/**
 * The service worker. Workbox precaches the shell (CSS, JavaScript, icons,
 * manifests, the offline pages, the language packs' lists); the pages of a
 * language and its assets (the Khmer font goes with the Khmer pages only) are
 * saved on request (the visitor's language after the first visit, unless she
 * declined, the other one when the person asks), with progress and the bytes
 * actually transferred reported to the pages; she can stop it. Navigations
 * are answered from the saved pages, then the network, then the offline page
 * in the URL's language.
 * /api/* and /partner/* are never cached: no route here touches them.
 */
import { addPlugins, cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '../domain/locales';
import type { SaveState } from '../domain/offlineStatus';
import { handleSync, type SyncEventLike } from './backgroundSync';
import { recordingRoute } from './savedRecordings';
import { isPageUrl, offlinePageUrl, packUrl, pageCacheName, STATE_KEY, type FromWorker, type LanguagePack, type SavedInfo, type SavedState, type ToWorker } from './protocol';
import { timingLedger, wireBytes, type TimingLike } from './wireBytes';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

/** Resource Timing of this worker's fetches: what each one really transferred (see wireBytes.ts). */
const ledger = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('resource')
  ? timingLedger(performance, (take) => new PerformanceObserver((list) => take(list.getEntries() as unknown as TimingLike[])).observe({ type: 'resource', buffered: true }))
  : undefined;
/** Bytes of a response this worker fetched (started at `since`), once its body has arrived. */
async function measure(url: string, since: number, response: Response): Promise<number> {
  return wireBytes(response, await ledger?.timingOf(new URL(url, self.location.href).href, since));
}

/**
 * The shell's bytes, counted as Workbox installs it and kept (across restarts of the worker)
 * until the next saving of a language adds them to what that saving cost.
 */
const META_CACHE = 'sj-meta';
const SHELL_KEY = '/__shell-bytes__';
let shellLedger: Promise<number> = Promise.resolve(0);
function changeShellBytes(change: (bytes: number) => number): Promise<number> {
  shellLedger = shellLedger.catch(() => 0).then(async () => {
    if (!(await caches.has(META_CACHE)) && change(0) === 0) return 0; // looking must not create it
    const cache = await caches.open(META_CACHE);
    const before = Number(await (await cache.match(SHELL_KEY))?.text()) || 0;
    const after = change(before);
    await cache.put(SHELL_KEY, new Response(String(after)));
    return change === takeAll ? before : after;
  });
  return shellLedger;
}
const takeAll = () => 0;
const fetchStarts = new Map<string, number>();
let shellFiles = 0;
addPlugins([{
  requestWillFetch: async ({ request }) => { fetchStarts.set(request.url, performance.now()); return request; },
  fetchDidSucceed: async ({ request, response, event }) => {
    const counted = measure(request.url, fetchStarts.get(request.url) ?? 0, response)
      .then((bytes) => changeShellBytes((before) => before + bytes))
      .then((bytes) => broadcast({ type: 'SHELL_PROGRESS', bytes, done: ++shellFiles }));
    (event as ExtendableEvent | undefined)?.waitUntil?.(counted.catch(() => undefined));
    return response;
  },
}]);

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

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

const infoOf = (state: SavedState): SavedInfo => ({ pages: Object.keys(state.revisions).filter(isPageUrl).length, bytes: state.bytes ?? 0, core: state.core });

async function savedInfo(): Promise<Partial<Record<Locale, SavedInfo>>> {
  const info: Partial<Record<Locale, SavedInfo>> = {};
  for (const l of LOCALES) {
    const state = await readState(l);
    if (state) info[l] = infoOf(state);
  }
  return info;
}

/** Savings the person stopped: the fetch under way is abandoned, nothing more is fetched. */
const stoppers = new Map<Locale, AbortController>();
/** A Stop that came while the saving was still reading its pack. */
const stopBeforeStart = new Set<Locale>();

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
    const assets = pack.assets ?? [];
    const wanted = new Set([...pack.pages, ...(pack.other ?? []), ...assets].map((p) => p.url));
    const update = state.complete;
    const todo = [];
    for (const page of [...pack.pages, ...assets, ...read]) {
      if (state.revisions[page.url] !== page.revision || !(await cache.match(page.url))) todo.push(page);
    }
    // What this saving transferred: the shell installed since the last saving, then each file.
    let bytes = await changeShellBytes(takeAll);
    if (todo.length === 0 && state.complete) {
      state.bytes = (state.bytes ?? 0) + bytes;
      if (bytes || state.core !== !!pack.core) { state.core = !!pack.core; await writeState(locale, state); }
      await broadcast({ type: 'SAVE_DONE', locale, bytes, update, info: infoOf(state) }); // already up to date: no page fetched
      return;
    }
    state.complete = false;
    const total = pack.pages.length + assets.length + read.length;
    let done = total - todo.length;
    let remaining = todo.reduce((n, p) => n + p.bytes, 0);
    let headers = 0; // header bytes per answer, once one is measured
    const expected = () => bytes + remaining + headers * (total - done);
    const stopper = new AbortController();
    stoppers.set(locale, stopper);
    if (stopBeforeStart.delete(locale)) stopper.abort();
    await broadcast({ type: 'SAVE_PROGRESS', locale, done, total, bytes, expected: expected() });
    // A few at a time: quick on a good network, gentle on a bad one.
    const queue = [...todo];
    const measured: Promise<void>[] = [];
    const worker = async () => {
      for (let page = queue.shift(); page && !stopper.signal.aborted; page = queue.shift()) {
        const since = performance.now();
        const response = await fetch(page.url, { cache: 'no-cache', credentials: 'same-origin', signal: stopper.signal });
        if (!response.ok) throw new Error(`${page.url}: ${response.status}`);
        await cache.put(page.url, response); // its headers stay readable for measure()
        state.revisions[page.url] = page.revision;
        done += 1;
        remaining -= page.bytes;
        const cost = measure(page.url, since, response).then((n) => { bytes += n; headers = headers || Math.max(0, n - page.bytes); });
        measured.push(cost);
        await cost;
        await broadcast({ type: 'SAVE_PROGRESS', locale, done, total, bytes, expected: expected() });
      }
    };
    try {
      await Promise.all([worker(), worker(), worker()]);
      if (stopper.signal.aborted) throw new DOMException('stopped', 'AbortError');
    } finally {
      stoppers.delete(locale);
      await Promise.allSettled(measured);
      state.bytes = (state.bytes ?? 0) + bytes;
      await writeState(locale, state);
      if (stopper.signal.aborted) await broadcast({ type: 'SAVE_STOPPED', locale, bytes });
    }
    // Pages that no longer exist are removed.
    for (const request of await cache.keys()) {
      const path = new URL(request.url).pathname;
      if (path !== STATE_KEY && !wanted.has(path)) await cache.delete(request);
    }
    state.complete = true;
    state.core = !!pack.core;
    await writeState(locale, state);
    await broadcast({ type: 'SAVE_DONE', locale, bytes, pages: infoOf(state).pages, update, info: infoOf(state) });
  })()
    .catch(async (error: unknown) => {
      if ((error as Error | undefined)?.name !== 'AbortError') await broadcast({ type: 'SAVE_FAILED', locale }); // a stop was announced above
    })
    .finally(() => { saving.delete(locale); stopBeforeStart.delete(locale); });
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

// Recordings: the saved copy when the person chose to save one (with byte ranges), else the network; never saved here.
registerRoute(recordingRoute.match, recordingRoute.handler);

// Files saved with a language (the Khmer font with the Khmer pages) answer from its cache; the
// rest of /_astro/ not in the shell comes from the network, and is not kept.
registerRoute(
  ({ request, url }) => request.method === 'GET' && url.origin === self.location.origin && url.pathname.startsWith('/_astro/'),
  async ({ request, url }) => {
    for (const locale of LOCALES) {
      if (!(await caches.has(pageCacheName(locale)))) continue;
      const hit = await caches.match(url.pathname, { cacheName: pageCacheName(locale) });
      if (hit) return hit;
    }
    return fetch(request);
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
  } else if (message.type === 'STOP_SAVING' && isLocale(message.locale)) {
    const stopper = stoppers.get(message.locale);
    if (stopper) stopper.abort();
    else if (saving.has(message.locale)) stopBeforeStart.add(message.locale);
  } else if (message.type === 'GET_STATUS') {
    event.waitUntil(Promise.all([status(), savedInfo()]).then(([saved, info]) => (event.source as Client | null)?.postMessage({ type: 'STATUS', saved, info } satisfies FromWorker)));
  }
});

// Background Sync: the queue is sent when the connection returns, even with the pages closed.
self.addEventListener('sync', (event) => handleSync(event as unknown as SyncEventLike));

// The first service worker takes control at once, so the first visit can save
// the site; later ones wait for the person (see SKIP_WAITING).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
