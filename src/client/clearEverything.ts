/**
 * "Clear everything on this phone": the saved pages, every cache, IndexedDB
 * (the request queue included: the person is warned first when a request is
 * still waiting), local and session storage, the language cookie, and the
 * service worker. What it cannot remove (an installed icon, the browser's
 * history) is explained on the staying-safe page. IndexedDB is the queue's
 * business: it is loaded only when the person asks, not with every page.
 */
import { LOCALE_COOKIE } from '../domain/locales';

/** Requests for help written but not yet confirmed by the server: what clearing would lose. */
export async function countPendingRequests(): Promise<number> {
  const { countWaiting } = await import('./queue');
  return countWaiting('intake').catch(() => 0);
}

export async function clearEverything(): Promise<void> {
  // Loaded before the saved files go: offline, it could not be fetched after.
  const { deleteAllDatabases } = await import('./queue');
  if ('serviceWorker' in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  }
  if ('caches' in window) {
    for (const key of await caches.keys()) await caches.delete(key);
  }
  await deleteAllDatabases();
  try { localStorage.clear(); sessionStorage.clear(); } catch { /* storage may be disabled */ }
  document.cookie = `${LOCALE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
}
