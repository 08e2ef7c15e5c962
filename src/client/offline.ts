/**
 * Offline use, seen by the person. Nothing is downloaded for offline use
 * until a language is to be saved: the service worker (workbox-window) is
 * registered only then. The visitor's language is saved after the first visit
 * unless she said "Not now" or stopped it; under Save-Data she is asked first,
 * before anything. While saving, the bar shows the bytes transferred so far
 * (measured by the service worker) with a way to stop, then what was saved
 * and what it cost; the footer says it on every page. The bar also shows the
 * offline state (right from its first word), "back online", and the update
 * notice; it never covers a call link. The footer offers the other language,
 * the install button and "clear everything". Loaded after `load`, so it never
 * delays the page. Never reloads by itself.
 */
import { Workbox } from 'workbox-window';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../domain/locales';
import { formatSize, initialOfflineState, reduceOffline, statusMessage, type OfflineEvent, type OfflineState, type SavedInfo, type SaveState } from '../domain/offlineStatus';
import { isPageUrl, packUrl, pageCacheName, sizesUrl, STATE_KEY, type FromWorker, type LanguagePack, type SavedState, type SavingSizes, type ToWorker } from '../sw/protocol';
import { clearEverything, countPendingRequests } from './clearEverything';
import { fillPlaceholders, type PlaceholderValues } from '../i18n/placeholders';
import { formatNumber, localDigits } from '../i18n/format';
import { QUEUE_WAITING_EVENT } from './queueNames';
import { forgetChoice, rememberChoice, rememberedChoice, saveDataOn } from './savingChoice';

type Strings = Record<string, string> & { languageName: Record<Locale, string> };

const pageLocale: Locale = isLocale(document.documentElement.lang) ? document.documentElement.lang : DEFAULT_LOCALE;
const strings = JSON.parse(document.getElementById('offline-strings')?.textContent ?? '{}') as Strings;
const fill = (key: string, values: PlaceholderValues = {}) => fillPlaceholders(strings[key] ?? key, values);
/** Numbers in the page's own digits (Khmer digits on Khmer pages). */
const num = (n: number) => localDigits(n, pageLocale);
const sizeText = (bytes: number) => { const { unit, size } = formatSize(bytes); return fill(unit, { size: formatNumber(Number(size), pageLocale) }); };
const languageName = (locale: Locale) => strings.languageName[locale];

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector);
const live = $('[data-offline-live]');
const bar = $('[data-offline-bar]');
const barText = $('[data-offline-text]');
const barAction = $<HTMLButtonElement>('[data-offline-action]');
const barSecondary = $<HTMLButtonElement>('[data-offline-secondary]');
const barClose = $<HTMLButtonElement>('[data-offline-close]');
const meter = $<HTMLProgressElement>('[data-offline-meter]');
const tools = $('[data-offline-tools]');
const summary = $('[data-offline-summary]');
const saveButton = $<HTMLButtonElement>('[data-offline-save]');
const installButton = $<HTMLButtonElement>('[data-offline-install]');
const iosHint = $('[data-offline-ios]');

let state: OfflineState = initialOfflineState(navigator.onLine);
const packs: Partial<Record<Locale, LanguagePack>> = {};
/** What saving costs before anything is saved (the shell, then each language): the build's figures. */
let sizes: SavingSizes | undefined;
let worker: ServiceWorker | null = null;
let wb: Workbox | undefined;
/** A service worker is registered on this phone: its shell is saved, or being saved. */
let installed = false;
/** This page asked for a saving: the status that comes first does not start or ask again. */
let savingAsked = false;
/** The person pressed Stop before the service worker had started on the pages. */
let stopAsked = false;
/** Requests for help waiting to be sent, counted when the connection returns. */
let waitingRequests = 0;

/**
 * Each file also carries its headers: about 1 KB with our security policy (HTTP/1.1). Only for
 * the figure announced before saving ("about"); the figure shown after saving is measured.
 */
const HEADERS_PER_FILE = 1024;

/** About what saving a language transfers, with the shell when none is installed yet. */
function aboutBytes(locale: Locale): number {
  const fromBuild = sizes?.packs[locale];
  const pack = packs[locale];
  const files = fromBuild?.files ?? (pack ? pack.pages.length + (pack.assets?.length ?? 0) : 0);
  const bytes = fromBuild?.bytes ?? pack?.transferBytes ?? 0;
  const shell = !installed && sizes ? sizes.shell.bytes + sizes.shell.files * HEADERS_PER_FILE : 0;
  return bytes + files * HEADERS_PER_FILE + shell;
}

function dispatch(event: OfflineEvent) {
  state = reduceOffline(state, event);
  render();
}

/** A saving was asked of the worker from this page: a Stop is then its to answer. */
let sentSave = false;
function send(message: ToWorker) {
  if (!worker) return;
  if (message.type === 'SAVE_LANGUAGE') sentSave = true;
  worker.postMessage(message);
}

/** The page has settled: saving never competes with the first reading and scrolling. */
const settled = () => new Promise<void>((resolve) => setTimeout(() => ('requestIdleCallback' in window ? requestIdleCallback(() => resolve(), { timeout: 3000 }) : resolve()), 1500));

/** She wants this language saved (or it is saved by default): the service worker is registered now if it is not yet. */
async function saveLanguage(locale: Locale): Promise<void> {
  forgetChoice();
  savingAsked = true;
  stopAsked = false;
  void navigator.storage?.persist?.(); // ask the phone to keep the saved pages
  if (!worker) {
    dispatch({ type: 'saving-start', locale, expected: aboutBytes(locale) });
    try {
      await startWorker();
    } catch {
      dispatch({ type: 'save-failed', locale });
      return;
    }
    if (stopAsked) return;
  }
  send({ type: 'SAVE_LANGUAGE', locale });
}

function notNow() {
  rememberChoice('not-now');
  dispatch({ type: 'declined' });
}

async function stopSaving() {
  const locale = state.progress?.locale ?? pageLocale;
  const bytes = state.progress?.bytes ?? 0;
  rememberChoice('stopped');
  stopAsked = true; // a saving not yet asked of the worker is not asked
  if (worker && sentSave) {
    send({ type: 'STOP_SAVING', locale }); // the worker answers SAVE_STOPPED with what it transferred
    return;
  }
  if (!worker) {
    // Still installing the shell: the install is abandoned with the registration, and what it kept removed.
    await (await navigator.serviceWorker.getRegistration())?.unregister();
    for (const key of await caches.keys()) if (key.startsWith('workbox-precache') || key === 'sj-meta') await caches.delete(key);
    installed = false;
    workerReady = undefined; // saving later registers it afresh
  }
  dispatch({ type: 'save-stopped', locale, bytes });
}

/** The message the person closed with ×: the bar stays hidden until it has something else to say. */
let closedKey = '';
let announced = '';

function render() {
  const message = statusMessage(state, pageLocale);
  let text = '';
  let action: { label: string; run: () => void } | undefined;
  let secondary: { label: string; run: () => void } | undefined;
  let closable = true;
  let progress: number | undefined;
  switch (message.kind) {
    case 'update':
      text = strings.updateReady ?? '';
      action = { label: strings.reload ?? 'Reload', run: reloadToUpdate };
      break;
    case 'offline':
      text = message.saved ? strings.offlineNow ?? '' : strings.offlineNotSaved ?? '';
      break;
    case 'saving':
      if (message.bytes === undefined || !message.locale) {
        text = fill('saving', { done: num(message.done), total: num(message.total) });
      } else {
        text = fill('savingBytes', { language: languageName(message.locale), done: sizeText(message.bytes), total: sizeText(message.expected ?? message.bytes) });
        progress = message.expected ? message.bytes / message.expected : 0;
      }
      secondary = { label: strings.stop ?? 'Stop', run: () => void stopSaving() };
      break;
    case 'ask':
      text = fill('askSaving', { language: languageName(pageLocale), size: sizeText(aboutBytes(pageLocale)) });
      action = { label: strings.save ?? 'Save', run: () => void saveLanguage(pageLocale) };
      secondary = { label: strings.notNow ?? '', run: notNow };
      closable = false; // "Not now" is the way to close it, and it is remembered
      break;
    case 'back-online':
      text = waitingRequests ? strings.backOnlineSending ?? '' : strings.backOnline ?? '';
      break;
    case 'stopped':
      text = fill('stopped', { size: sizeText(message.bytes) });
      break;
    case 'saved':
      text = fill(message.update ? 'updatedBytes' : 'savedBytes', { count: num(message.pages), language: languageName(message.locale), size: sizeText(message.bytes) });
      break;
    case 'failed':
      text = strings.saveFailed ?? '';
      break;
    case 'sent':
      text = fill('requestSent', { reference: message.reference });
      break;
    case 'ready':
      // Over the budget only the main pages are saved: say so, never "all pages".
      if (message.locales.some((l) => state.info[l]?.core)) text = message.locales.length > 1 ? strings.readyBothCore ?? '' : fill('readyCore', { language: languageName(message.locales[0]!) });
      else text = message.locales.length > 1 ? strings.readyBoth ?? '' : fill('ready', { language: languageName(message.locales[0]!) });
      break;
  }
  // Progress changes the figures, not what the bar is saying.
  const key = message.kind === 'saving' ? 'saving' : `${message.kind}:${text}`;
  // Screen readers hear each message once, not every file of a saving.
  if (live && key !== announced) { live.textContent = text; announced = key; }
  if (bar && barText && barAction && barSecondary) {
    bar.hidden = !text || key === closedKey;
    barText.textContent = text;
    setButton(barAction, action);
    setButton(barSecondary, secondary);
    if (barClose) {
      barClose.hidden = !closable;
      barClose.onclick = () => close(message.kind, key);
    }
    if (meter) {
      meter.hidden = progress === undefined;
      meter.value = Math.min(1, progress ?? 0);
    }
    placeBar();
  }
  renderTools();
  document.documentElement.dataset.offline = state.saved[pageLocale];
}

function close(kind: string, key: string) {
  closedKey = key;
  // What only this page was told goes; the connection, a saving or an update stay in the footer and the state.
  if (['ready', 'saved', 'sent', 'stopped', 'back-online', 'failed'].includes(kind)) dispatch({ type: 'dismiss' });
  else render();
}

function setButton(button: HTMLButtonElement, spec?: { label: string; run: () => void }) {
  button.hidden = !spec;
  button.textContent = spec?.label ?? '';
  button.onclick = spec ? spec.run : null;
}

/**
 * The bar keeps room for itself at the end of the page (so the last call link can be scrolled
 * clear of it) and never covers a call link: while one is under it at the bottom of the screen it
 * moves to the top (under the quick-exit bar), and steps aside while both places have one.
 */
const CALL_LINKS = 'a[href^="tel:"], a[href^="sms:"]';
function placeBar() {
  if (!bar) return;
  const root = document.documentElement;
  if (bar.hidden) {
    delete root.dataset.offlineBarShown;
    delete bar.dataset.place;
    return;
  }
  const height = bar.offsetHeight; // not changed by where it is put (a transform, or top instead of bottom)
  root.style.setProperty('--offline-bar-height', `${height}px`);
  root.dataset.offlineBarShown = '';
  if (root.classList.contains('presenting')) { delete bar.dataset.place; return; } // a projector: nothing to tap
  const exitBottom = Math.max(0, document.querySelector('.exit-bar')?.getBoundingClientRect().bottom ?? 0);
  const links = [...document.querySelectorAll<HTMLAnchorElement>(CALL_LINKS)].map((a) => a.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
  const clear = (top: number) => !links.some((r) => r.bottom > top && r.top < top + height);
  const place = clear(window.innerHeight - height) ? undefined : clear(exitBottom) ? 'top' : 'aside';
  root.style.setProperty('--offline-bar-top', `${exitBottom}px`);
  if (place) bar.dataset.place = place;
  else delete bar.dataset.place;
}

function initBarPlacement() {
  let queued = false;
  const later = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; placeBar(); });
  };
  window.addEventListener('scroll', later, { passive: true });
  window.addEventListener('resize', later, { passive: true });
}

function renderTools() {
  if (!tools || !summary || !saveButton) return;
  tools.hidden = false;
  // Per language: what is saved on this phone and what it cost.
  const lines: string[] = [];
  for (const l of LOCALES) {
    const info = state.info[l];
    if (state.saved[l] === 'ready') lines.push(info ? fill('summarySaved', { language: languageName(l), count: num(info.pages), size: sizeText(info.bytes) }) : fill('ready', { language: languageName(l) }));
    else if (state.saved[l] === 'failed' && info && (state.stopped?.locale === l || rememberedChoice() === 'stopped')) lines.push(fill('summaryStopped', { language: languageName(l), size: sizeText(info.bytes) }));
  }
  // While saving: the bytes so far. The language is named once it is saved (tests/support/savedPhone.ts waits for its name).
  const progress = state.progress;
  summary.textContent = progress
    ? progress.bytes !== undefined
      ? fill('savingFooter', { done: sizeText(progress.bytes), total: sizeText(Math.max(progress.expected ?? 0, progress.bytes)) })
      : fill('saving', { done: num(progress.done), total: num(progress.total) })
    : lines.length ? lines.join(' ') : strings.notSaved ?? '';
  // Offer the language not yet saved: "Also save English for offline use — 300 KB".
  const missing = [pageLocale, ...LOCALES.filter((l) => l !== pageLocale)].find((l) => state.saved[l] === 'none' || state.saved[l] === 'failed');
  const target = missing && (state.saved[pageLocale] === 'ready' || missing === pageLocale) ? missing : undefined;
  saveButton.hidden = !target || !!state.progress;
  if (target) {
    const key = target === pageLocale ? 'saveThis' : 'saveOther';
    saveButton.textContent = fill(key, { language: languageName(target), size: sizeText(aboutBytes(target)) });
    saveButton.onclick = () => void saveLanguage(target);
  }
}

function reloadToUpdate() {
  if (!wb) return;
  // Only now, because the person asked: reload once the new version has taken over.
  wb.addEventListener('controlling', () => window.location.reload());
  void wb.messageSkipWaiting();
}

function onWorkerMessage(data: FromWorker) {
  switch (data.type) {
    case 'STATUS': {
      dispatch({ type: 'status', saved: data.saved, info: data.info });
      if (savingAsked) break; // this page started a saving: it is under way
      const choice = rememberedChoice();
      const nothingSaved = Object.values(data.saved).every((s) => s === 'none');
      if (nothingSaved) {
        if (choice || !navigator.onLine) break; // "Not now" or Stop: the footer offers saving
        if (saveDataOn()) dispatch({ type: 'ask' });
        else void settled().then(() => saveLanguage(pageLocale));
      } else if (navigator.onLine) {
        // Bring saved languages up to date (only changed pages are fetched), once the page has settled;
        // not a saving she stopped.
        void settled().then(() => {
          for (const [locale, s] of Object.entries(data.saved) as [Locale, SaveState][]) {
            if (s === 'ready' || s === 'saving' || (s === 'failed' && choice !== 'stopped')) send({ type: 'SAVE_LANGUAGE', locale });
          }
        });
      }
      break;
    }
    case 'SHELL_PROGRESS':
      dispatch({ type: 'shell-progress', bytes: data.bytes });
      break;
    case 'SAVE_PROGRESS': {
      const event = { type: 'save-progress', locale: data.locale, done: data.done, total: data.total, bytes: data.bytes, expected: data.expected } as const;
      if (data.done < data.total) dispatch(event);
      else if (state.progress?.locale === data.locale) dispatch(event);
      break;
    }
    case 'SAVE_DONE':
      dispatch({ type: 'save-done', locale: data.locale, bytes: data.bytes, pages: data.pages, update: data.update, info: data.info });
      break;
    case 'SAVE_STOPPED':
      rememberChoice('stopped');
      dispatch({ type: 'save-stopped', locale: data.locale, bytes: data.bytes });
      break;
    case 'SAVE_FAILED':
      dispatch({ type: 'save-failed', locale: data.locale });
      break;
  }
}

/** What is saved on this phone, read from the caches themselves: known before the service worker answers. */
async function savedOnThisPhone(): Promise<{ saved: Record<Locale, SaveState>; info: Partial<Record<Locale, SavedInfo>> }> {
  const saved = Object.fromEntries(LOCALES.map((l) => [l, 'none'])) as Record<Locale, SaveState>;
  const info: Partial<Record<Locale, SavedInfo>> = {};
  if (!('caches' in window)) return { saved, info };
  for (const l of LOCALES) {
    try {
      if (!(await caches.has(pageCacheName(l)))) continue; // looking must not create it
      const record = await (await caches.open(pageCacheName(l))).match(STATE_KEY);
      const s = record ? ((await record.json()) as SavedState) : undefined;
      saved[l] = s?.complete ? 'ready' : s ? 'failed' : 'none';
      if (s) info[l] = { pages: Object.keys(s.revisions).filter(isPageUrl).length, bytes: s.bytes ?? 0, core: s.core };
    } catch { /* storage unavailable: the service worker's answer will say */ }
  }
  return { saved, info };
}

/** The service worker, registered now (it installs the shell when new), and what it has saved. */
let workerReady: Promise<void> | undefined;
function startWorker(): Promise<void> {
  workerReady ??= (async () => {
    wb = new Workbox('/sw.js');
    wb.addEventListener('waiting', () => dispatch({ type: 'update-waiting' }));
    installed = true;
    await wb.register();
    const registration = await navigator.serviceWorker.ready;
    worker = registration.active;
    void loadPackSizes();
    send({ type: 'GET_STATUS' });
  })();
  return workerReady;
}

function initClearButtons() {
  document.querySelectorAll<HTMLElement>('[data-clear-root]').forEach((root) => {
    root.hidden = false;
    const start = root.querySelector<HTMLButtonElement>('[data-clear-start]');
    const confirmBox = root.querySelector<HTMLElement>('[data-clear-confirm]');
    const pending = root.querySelector<HTMLElement>('[data-clear-pending]');
    const done = root.querySelector<HTMLElement>('[data-clear-done]');
    if (!start || !confirmBox || !pending || !done) return;
    start.onclick = async () => {
      const count = await countPendingRequests();
      pending.hidden = count === 0;
      pending.textContent = count ? fill(count === 1 ? 'clearPending_one' : 'clearPending_other', { count }) : '';
      confirmBox.hidden = false;
      start.setAttribute('aria-expanded', 'true');
      confirmBox.querySelector<HTMLButtonElement>('[data-clear-yes]')?.focus();
    };
    confirmBox.querySelector<HTMLButtonElement>('[data-clear-no]')!.onclick = () => {
      confirmBox.hidden = true;
      start.setAttribute('aria-expanded', 'false');
      start.focus();
    };
    confirmBox.querySelector<HTMLButtonElement>('[data-clear-yes]')!.onclick = async () => {
      await clearEverything();
      worker = null;
      confirmBox.hidden = true;
      start.setAttribute('aria-expanded', 'false');
      done.hidden = false;
      done.focus();
      dispatch({ type: 'cleared' });
      document.documentElement.dataset.offline = 'cleared';
    };
  });
}

function initInstall() {
  let deferred: (Event & { prompt: () => Promise<void> }) | undefined;
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    deferred = event as typeof deferred;
    if (installButton) installButton.hidden = false;
  });
  installButton?.addEventListener('click', async () => {
    await deferred?.prompt();
    deferred = undefined;
    installButton.hidden = true;
  });
  const standalone = window.matchMedia('(display-mode: standalone)').matches || (navigator as Navigator & { standalone?: boolean }).standalone;
  if (iosHint && !standalone && /iphone|ipad|ipod/i.test(navigator.userAgent)) iosHint.hidden = false;
}

async function loadPackSizes() {
  await Promise.all(LOCALES.map(async (locale) => {
    try {
      packs[locale] = (await (await fetch(packUrl(locale))).json()) as LanguagePack;
    } catch { /* offline and not saved: sizes are shown once known */ }
  }));
  render();
}

/** Before anything is saved: what saving would cost, from the build (a few hundred bytes). */
async function loadSavingSizes() {
  try {
    sizes = (await (await fetch(sizesUrl)).json()) as SavingSizes;
  } catch { /* sizes are shown once known */ }
  render();
}

/** The connection is back: a short notice, and the requests waiting on this phone are sent. */
let backOnlineTimer: number | undefined;
async function onBackOnline() {
  waitingRequests = await countPendingRequests();
  dispatch({ type: 'online' });
  void sendQueued({ force: true });
  clearTimeout(backOnlineTimer);
  backOnlineTimer = window.setTimeout(() => dispatch({ type: 'back-online-done' }), 6000);
}

/**
 * Requests waiting on this phone: sent on load and when the connection returns
 * (both may mean the network is back: the backoff is skipped, a Retry-After
 * kept), after their backoff, and when a form leaves one waiting. The queue's
 * code loads after the page, as this does.
 */
let retryTimer: number | undefined;
async function sendQueued({ force = false } = {}) {
  const { flush, hasQueue, takeUnannounced } = await import('./queue');
  if (!(await hasQueue())) return; // nothing was ever queued: looking must not create the database
  const { retryInMs } = await flush(fetch, { force });
  // Sent now, or earlier by Background Sync while no page was open.
  for (const item of await takeUnannounced()) {
    // Only in the tab that queued it (takeUnannounced), and without the reference: that is shown only on request, on the help page.
    if (item.kind === 'intake') dispatch({ type: 'request-sent', reference: '' });
  }
  clearTimeout(retryTimer);
  if (retryInMs !== undefined) retryTimer = window.setTimeout(() => void sendQueued(), Math.max(retryInMs, 1000));
}

export async function startOffline(): Promise<void> {
  initClearButtons();
  initInstall();
  initBarPlacement();
  void sendQueued({ force: true });
  window.addEventListener(QUEUE_WAITING_EVENT, () => void sendQueued());
  window.addEventListener('online', () => void onBackOnline());
  window.addEventListener('offline', () => dispatch({ type: 'offline' }));
  // What is saved is read first, so the bar's first word is the right one ("saved pages still work").
  dispatch({ type: 'status', ...(await savedOnThisPhone()) });
  if (!navigator.onLine) dispatch({ type: 'offline' });
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('message', (event) => onWorkerMessage(event.data as FromWorker));

  if (await navigator.serviceWorker.getRegistration()) {
    // Saved before: the worker says what is saved, and brings it up to date once the page has settled.
    await startWorker();
    return;
  }
  // Nothing saved on this phone: nothing is downloaded for offline use unless she wants it.
  if (!navigator.onLine) return;
  await loadSavingSizes();
  if (rememberedChoice()) return; // "Not now" or Stop in the last 30 days: the footer offers saving
  if (saveDataOn()) {
    dispatch({ type: 'ask' });
    return;
  }
  await settled();
  if (!rememberedChoice() && !savingAsked) await saveLanguage(pageLocale);
}
