/**
 * The outbox on the phone (IndexedDB): a submission is written here first,
 * then sent. Kept until the server confirms it; sent one at a time, in order;
 * retried with exponential backoff capped at 5 minutes, honouring Retry-After;
 * a 4xx other than 408/429 stops the retries and keeps the reason. Once sent,
 * the payload (personal data) is removed and only the reference and date stay.
 * Generic: `enqueue(kind, url, payload)` serves the intake form and, later,
 * the presenter's session log. Used by the pages and by the service worker
 * (Background Sync), so it touches no DOM.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

import { QUEUE_DB, QUEUE_STORE } from './queueNames';
export { QUEUE_DB, QUEUE_STORE, SYNC_TAG } from './queueNames';
const MAX_DELAY_MS = 5 * 60_000;
const BASE_DELAY_MS = 2_000;

export interface QueueItem {
  id: string;
  kind: string;
  url: string;
  /** Removed once the server has confirmed. */
  payload?: unknown;
  status: 'pending' | 'sent' | 'rejected';
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  sentAt?: number;
  /** What the server answered: { reference, partner } for the intake. */
  receipt?: unknown;
  /** Why it was refused (a 4xx): the status and the server's body. */
  rejection?: { status: number; body: unknown };
  /** The person has been told it was sent (it may have been sent by Background Sync with no page open). */
  announced?: boolean;
}

interface QueueSchema extends DBSchema {
  requests: { key: string; value: QueueItem; indexes: { byCreated: number } };
}

function open(): Promise<IDBPDatabase<QueueSchema>> {
  return openDB<QueueSchema>(QUEUE_DB, 1, {
    upgrade(db) {
      db.createObjectStore(QUEUE_STORE, { keyPath: 'id' }).createIndex('byCreated', 'createdAt');
    },
    blocking() {
      // Another context wants to delete or upgrade (e.g. "clear everything"): let it.
      void dbPromise?.then((db) => db.close());
      dbPromise = undefined;
    },
  });
}
let dbPromise: Promise<IDBPDatabase<QueueSchema>> | undefined;
const db = () => (dbPromise ??= open());

export async function enqueue(kind: string, url: string, payload: { id: string }): Promise<QueueItem> {
  const item: QueueItem = { id: payload.id, kind, url, payload, status: 'pending', attempts: 0, nextAttemptAt: 0, createdAt: Date.now() };
  const existing = await (await db()).get(QUEUE_STORE, item.id);
  if (existing) return existing; // submitting twice is one request
  await (await db()).put(QUEUE_STORE, item);
  return item;
}

export async function getItem(id: string): Promise<QueueItem | undefined> {
  return (await db()).get(QUEUE_STORE, id);
}

export async function listItems(): Promise<QueueItem[]> {
  return (await db()).getAllFromIndex(QUEUE_STORE, 'byCreated');
}

/** Delay before the next try: 2 s · 2^attempts, capped at 5 minutes; a longer Retry-After wins. */
export function retryDelay(attempts: number, retryAfterS?: number): number {
  const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempts);
  return retryAfterS && Number.isFinite(retryAfterS) ? Math.min(MAX_DELAY_MS, Math.max(backoff, retryAfterS * 1000)) : backoff;
}

export type SendOutcome = 'sent' | 'retry' | 'rejected';

async function update(item: QueueItem): Promise<void> {
  await (await db()).put(QUEUE_STORE, item);
}

export async function sendItem(item: QueueItem, fetcher: typeof fetch = fetch): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetcher(item.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(item.payload), credentials: 'same-origin' });
  } catch {
    await update({ ...item, attempts: item.attempts + 1, nextAttemptAt: Date.now() + retryDelay(item.attempts) });
    return 'retry';
  }
  const body = await response.json().catch(() => null);
  if (response.ok) {
    // Confirmed: nothing personal stays on the phone, only the receipt and the date.
    await update({ id: item.id, kind: item.kind, url: item.url, status: 'sent', attempts: item.attempts + 1, nextAttemptAt: 0, createdAt: item.createdAt, sentAt: Date.now(), receipt: body });
    return 'sent';
  }
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
    await update({ ...item, status: 'rejected', attempts: item.attempts + 1, rejection: { status: response.status, body } });
    return 'rejected';
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  await update({ ...item, attempts: item.attempts + 1, nextAttemptAt: Date.now() + retryDelay(item.attempts, retryAfter) });
  return 'retry';
}

/**
 * Sends what is due, oldest first, one at a time. Returns what happened and
 * when to try again (ms), if anything is still waiting. Only one flush runs at
 * a time across the tabs and the service worker (Web Locks, where there are).
 */
export interface FlushResult { sent: QueueItem[]; retryInMs?: number }

export async function flush(fetcher: typeof fetch = fetch, { force = false } = {}): Promise<FlushResult> {
  const run = async (): Promise<FlushResult> => {
    const sent: QueueItem[] = [];
    for (const item of await listItems()) {
      if (item.status !== 'pending') continue;
      if (!force && item.nextAttemptAt > Date.now()) continue;
      const outcome = await sendItem(item, fetcher);
      if (outcome === 'sent') sent.push((await getItem(item.id))!);
      if (outcome === 'retry') break; // the network is down or the server busy: keep the order, try later
    }
    const waiting = (await listItems()).filter((i) => i.status === 'pending');
    const next = waiting.length ? Math.max(0, Math.min(...waiting.map((i) => i.nextAttemptAt)) - Date.now()) : undefined;
    return { sent, retryInMs: next };
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request('sj-queue-flush', run) : run();
}

export async function markAnnounced(item: QueueItem): Promise<void> {
  await update({ ...item, announced: true });
}

/** Sent items the person has not been told about yet; marks them as told. */
export async function takeUnannounced(): Promise<QueueItem[]> {
  const fresh = (await listItems()).filter((i) => i.status === 'sent' && !i.announced);
  for (const item of fresh) await update({ ...item, announced: true });
  return fresh;
}

/** Whether there is anything waiting, without creating the database by looking. */
export async function hasQueue(): Promise<boolean> {
  const known = (await indexedDB.databases?.()) ?? [];
  return known.some((d) => d.name === QUEUE_DB);
}
