/**
 * "Clear everything on this phone": the saved pages, every cache, IndexedDB
 * (the request queue included: the person is warned first when a request is
 * still waiting), local and session storage, the language cookie, and the
 * service worker. What it cannot remove (an installed icon, the browser's
 * history) is explained on the staying-safe page.
 */
import { LOCALE_COOKIE } from '../domain/locales';

import { QUEUE_DB, QUEUE_STORE } from './queueNames';

/** Requests submitted but not yet confirmed by the server (the queue's own code closes on `versionchange`, so it can be deleted). */
export async function countPendingRequests(): Promise<number> {
  if (!('indexedDB' in window)) return 0;
  const known = (await indexedDB.databases?.()) ?? [];
  if (!known.some((db) => db.name === QUEUE_DB)) return 0; // do not create it by looking
  return new Promise((resolve) => {
    const open = indexedDB.open(QUEUE_DB);
    open.onerror = () => resolve(0);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(QUEUE_STORE)) { db.close(); resolve(0); return; }
      // Sent requests stay in the queue as a receipt (reference and date): count only the unsent.
      let unsent = 0;
      const cursor = db.transaction(QUEUE_STORE).objectStore(QUEUE_STORE).openCursor();
      cursor.onsuccess = () => {
        const current = cursor.result;
        if (!current) { db.close(); resolve(unsent); return; }
        const item = current.value as { status?: string; kind?: string };
        if (item.kind !== 'session' && item.status !== 'sent') unsent += 1;
        current.continue();
      };
      cursor.onerror = () => { db.close(); resolve(unsent); };
    };
  });
}

export async function clearEverything(): Promise<void> {
  if ('serviceWorker' in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  }
  if ('caches' in window) {
    for (const key of await caches.keys()) await caches.delete(key);
  }
  if ('indexedDB' in window && indexedDB.databases) {
    for (const db of await indexedDB.databases()) {
      if (db.name) {
        await new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(db.name!);
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        });
      }
    }
  }
  try { localStorage.clear(); sessionStorage.clear(); } catch { /* storage may be disabled */ }
  document.cookie = `${LOCALE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
}
