/**
 * Offline use, seen by the person: registers the service worker (workbox-window),
 * saves the visitor's language after the first visit (asking first under
 * Save-Data), shows progress, "ready offline", the offline state and the update
 * notice, offers the other language, the install button and "clear everything".
 * Loaded after `load`, so it never delays the page. Never reloads by itself.
 */
import { Workbox } from 'workbox-window';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../domain/locales';
import { formatSize, initialOfflineState, reduceOffline, statusMessage, type OfflineEvent, type OfflineState } from '../domain/offlineStatus';
import { packUrl, type FromWorker, type LanguagePack, type ToWorker } from '../sw/protocol';
import { clearEverything, countPendingRequests } from './clearEverything';
import { fillPlaceholders, type PlaceholderValues } from '../i18n/placeholders';
import { QUEUE_WAITING_EVENT } from './queueNames';

type Strings = Record<string, string> & { languageName: Record<Locale, string> };

const pageLocale: Locale = isLocale(document.documentElement.lang) ? document.documentElement.lang : DEFAULT_LOCALE;
const strings = JSON.parse(document.getElementById('offline-strings')?.textContent ?? '{}') as Strings;
const fill = (key: string, values: PlaceholderValues = {}) => fillPlaceholders(strings[key] ?? key, values);
const sizeText = (bytes: number) => { const { unit, size } = formatSize(bytes); return fill(unit, { size }); };

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector);
const live = $('[data-offline-live]');
const bar = $('[data-offline-bar]');
const barText = $('[data-offline-text]');
const barAction = $<HTMLButtonElement>('[data-offline-action]');
const barSecondary = $<HTMLButtonElement>('[data-offline-secondary]');
const tools = $('[data-offline-tools]');
const summary = $('[data-offline-summary]');
const saveButton = $<HTMLButtonElement>('[data-offline-save]');
const installButton = $<HTMLButtonElement>('[data-offline-install]');
const iosHint = $('[data-offline-ios]');

let state: OfflineState = initialOfflineState(navigator.onLine);
const packs: Partial<Record<Locale, LanguagePack>> = {};
let worker: ServiceWorker | null = null;
let wb: Workbox | undefined;

function dispatch(event: OfflineEvent) {
  state = reduceOffline(state, event);
  render();
}

function send(message: ToWorker) {
  worker?.postMessage(message);
}

function saveLanguage(locale: Locale) {
  void navigator.storage?.persist?.(); // ask the phone to keep the saved pages
  send({ type: 'SAVE_LANGUAGE', locale });
}

function render() {
  const message = statusMessage(state, pageLocale);
  let text = '';
  let action: { label: string; run: () => void } | undefined;
  let secondary: { label: string; run: () => void } | undefined;
  switch (message.kind) {
    case 'update':
      text = strings.updateReady ?? '';
      action = { label: strings.reload ?? 'Reload', run: reloadToUpdate };
      break;
    case 'offline':
      text = message.saved ? strings.offlineNow ?? '' : strings.offlineNotSaved ?? '';
      break;
    case 'saving':
      text = fill('saving', { done: message.done, total: message.total });
      break;
    case 'ask':
      text = fill('askSave', { size: sizeText(packs[pageLocale]?.transferBytes ?? 0) });
      action = { label: fill('saveThis', { language: strings.languageName[pageLocale], size: sizeText(packs[pageLocale]?.transferBytes ?? 0) }), run: () => saveLanguage(pageLocale) };
      secondary = { label: strings.notNow ?? '', run: () => dispatch({ type: 'declined' }) };
      break;
    case 'failed':
      text = strings.saveFailed ?? '';
      break;
    case 'sent':
      text = fill('requestSent', { reference: message.reference });
      secondary = { label: '×', run: () => dispatch({ type: 'dismiss' }) };
      break;
    case 'ready':
      text = message.locales.length > 1 ? strings.readyBoth ?? '' : fill('ready', { language: strings.languageName[message.locales[0]!] });
      secondary = { label: '×', run: () => dispatch({ type: 'dismiss' }) };
      break;
  }
  if (live && live.textContent !== text) live.textContent = text;
  if (bar && barText && barAction && barSecondary) {
    bar.hidden = !text;
    barText.textContent = text;
    setButton(barAction, action);
    setButton(barSecondary, secondary);
    if (secondary?.label === '×') barSecondary.setAttribute('aria-label', strings.close ?? 'Close');
    else barSecondary.removeAttribute('aria-label');
  }
  renderTools();
  document.documentElement.dataset.offline = state.saved[pageLocale];
}

function setButton(button: HTMLButtonElement, spec?: { label: string; run: () => void }) {
  button.hidden = !spec;
  button.textContent = spec?.label ?? '';
  button.onclick = spec ? spec.run : null;
}

function renderTools() {
  if (!tools || !summary || !saveButton) return;
  tools.hidden = false;
  const ready = LOCALES.filter((l) => state.saved[l] === 'ready');
  summary.textContent = ready.length === LOCALES.length ? strings.readyBoth ?? ''
    : ready.length === 1 ? fill('ready', { language: strings.languageName[ready[0]!] })
    : state.progress ? fill('saving', { done: state.progress.done, total: state.progress.total })
    : strings.notSaved ?? '';
  // Offer the language not yet saved: "Also save English for offline use — 300 KB".
  const missing = LOCALES.find((l) => state.saved[l] === 'none' || state.saved[l] === 'failed');
  const target = missing && (state.saved[pageLocale] === 'ready' || missing === pageLocale) ? missing : undefined;
  saveButton.hidden = !target || !!state.progress;
  if (target) {
    const key = target === pageLocale ? 'saveThis' : 'saveOther';
    saveButton.textContent = fill(key, { language: strings.languageName[target], size: sizeText(packs[target]?.transferBytes ?? 0) });
    saveButton.onclick = () => saveLanguage(target);
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
      dispatch({ type: 'status', saved: data.saved });
      const nothingSaved = Object.values(data.saved).every((s) => s === 'none');
      if (nothingSaved) {
        const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData;
        if (saveData) dispatch({ type: 'ask' });
        else saveLanguage(pageLocale);
      } else if (navigator.onLine) {
        // Bring saved languages up to date (only changed pages are fetched).
        for (const [locale, s] of Object.entries(data.saved)) if (s !== 'none' && isLocale(locale)) send({ type: 'SAVE_LANGUAGE', locale });
      }
      break;
    }
    case 'SAVE_PROGRESS':
      if (data.done < data.total) dispatch({ type: 'save-progress', locale: data.locale, done: data.done, total: data.total });
      else if (state.progress?.locale === data.locale) dispatch({ type: 'save-progress', locale: data.locale, done: data.done, total: data.total });
      break;
    case 'SAVE_DONE':
      dispatch({ type: 'save-done', locale: data.locale });
      break;
    case 'SAVE_FAILED':
      dispatch({ type: 'save-failed', locale: data.locale });
      break;
  }
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
  void sendQueued({ force: true });
  window.addEventListener(QUEUE_WAITING_EVENT, () => void sendQueued());
  window.addEventListener('online', () => { dispatch({ type: 'online' }); dispatch({ type: 'dismiss' }); void sendQueued({ force: true }); });
  window.addEventListener('offline', () => dispatch({ type: 'offline' }));
  if (!navigator.onLine) dispatch({ type: 'offline' });
  if (!('serviceWorker' in navigator)) return;

  wb = new Workbox('/sw.js');
  wb.addEventListener('waiting', () => dispatch({ type: 'update-waiting' }));
  navigator.serviceWorker.addEventListener('message', (event) => onWorkerMessage(event.data as FromWorker));
  await wb.register();
  const registration = await navigator.serviceWorker.ready;
  // Saving starts once the page has settled: it never competes with the first reading and scrolling.
  await new Promise<void>((resolve) => setTimeout(() => ('requestIdleCallback' in window ? requestIdleCallback(() => resolve(), { timeout: 3000 }) : resolve()), 1500));
  worker = registration.active;
  void loadPackSizes();
  send({ type: 'GET_STATUS' });
}
