/**
 * The phone's outbox, and the only code of the site that touches IndexedDB.
 *
 * `submit(kind, url, payload)` writes the request first (from then on it is
 * never lost), sends what is waiting, oldest first and one at a time, and
 * answers `sent`, `queued` or `rejected` with the server's answer. An item is
 * kept until the server confirms it. A network error, a 5xx, 408 or 429 stops
 * the run (order is kept) and is retried with exponential backoff capped at 5
 * minutes; a Retry-After is honoured even by a forced run. Any other 4xx is
 * permanent: the item is set aside with the server's reason, its personal
 * fields removed, and the next items go on. Once sent, only the receipt and
 * the date stay. Used by the pages and by the service worker (Background
 * Sync), so it touches no DOM: when a submission stays waiting it only
 * dispatches QUEUE_WAITING_EVENT, and the page (offline.ts) schedules the
 * next try.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { QUEUE_DB, QUEUE_STORE, QUEUE_WAITING_EVENT, SYNC_TAG } from './queueNames';

export { SYNC_TAG } from './queueNames';
const MAX_DELAY_MS = 5 * 60_000;
const BASE_DELAY_MS = 2_000;

export interface QueueItem {
  id: string;
  kind: string;
  url: string;
  /** What the person wrote: removed once the server has answered for good (sent or rejected). */
  payload?: unknown;
  status: 'pending' | 'sent' | 'rejected';
  attempts: number;
  /** Backoff: a forced run (Background Sync, the connection back) may go earlier. */
  nextAttemptAt: number;
  /** The server's Retry-After: nothing is sent before it, forced or not. */
  holdUntil?: number;
  createdAt: number;
  sentAt?: number;
  /** What the server answered: { reference, partner } for the intake. */
  receipt?: unknown;
  /** Why it was refused for good: the status and the server's body. */
  rejection?: { status: number; body: unknown };
  /** The person has been told it was sent (it may have been sent by Background Sync with no page open). */
  announced?: boolean;
}

export type SubmitResult<Receipt = unknown> =
  | { outcome: 'sent'; answer: Receipt }
  | { outcome: 'queued' }
  | { outcome: 'rejected'; answer: { status: number; body: unknown } };

export interface FlushResult {
  /** When to try again, if anything is still waiting. */
  retryInMs?: number;
}

interface QueueSchema extends DBSchema {
  requests: { key: string; value: QueueItem; indexes: { byCreated: number } };
}

let dbPromise: Promise<IDBPDatabase<QueueSchema>> | undefined;

function openQueue(): Promise<IDBPDatabase<QueueSchema>> {
  return openDB<QueueSchema>(QUEUE_DB, 1, {
    upgrade(db) {
      db.createObjectStore(QUEUE_STORE, { keyPath: 'id' }).createIndex('byCreated', 'createdAt');
    },
    blocking() {
      // Another context wants to delete or upgrade (e.g. "clear everything"): let it.
      void closeQueue();
    },
  });
}
const db = () => (dbPromise ??= openQueue());

async function closeQueue(): Promise<void> {
  const open = dbPromise;
  dbPromise = undefined;
  (await open?.catch(() => undefined))?.close();
}

const getItem = async (id: string) => (await db()).get(QUEUE_STORE, id);
const putItem = async (item: QueueItem) => { await (await db()).put(QUEUE_STORE, item); };

/** Every item, oldest first (receipts and rejections included). */
export async function listItems(): Promise<QueueItem[]> {
  return (await db()).getAllFromIndex(QUEUE_STORE, 'byCreated');
}

/** Writes a submission; the same id twice is one request (the first one is kept). */
async function enqueue(kind: string, url: string, payload: { id: string }): Promise<QueueItem> {
  const tx = (await db()).transaction(QUEUE_STORE, 'readwrite');
  const existing = await tx.store.get(payload.id);
  if (existing) {
    await tx.done;
    return existing;
  }
  // Strictly increasing: two requests written in the same millisecond keep their order (ties would sort by id).
  const newest = await tx.store.index('byCreated').openCursor(null, 'prev');
  const createdAt = Math.max(Date.now(), (newest?.value.createdAt ?? 0) + 1);
  const item: QueueItem = { id: payload.id, kind, url, payload, status: 'pending', attempts: 0, nextAttemptAt: 0, createdAt };
  await tx.store.put(item);
  await tx.done;
  return item;
}

/**
 * Writes the request to the phone, then sends what is waiting. `queued` means
 * it is safe on the phone and will be sent later: by this page, the next one,
 * or Background Sync, registered here where the browser has it.
 */
export async function submit<Receipt = unknown>(kind: string, url: string, payload: { id: string }, { fetcher = fetch }: { fetcher?: typeof fetch } = {}): Promise<SubmitResult<Receipt>> {
  await enqueue(kind, url, payload);
  answersInMemory.set(payload.id, undefined);
  // Forced: the person is sending now, so an earlier request's backoff does not hold this up (a Retry-After does).
  await flush(fetcher, { force: true }).catch(() => undefined); // written already: a failed run leaves it waiting
  const item = await getItem(payload.id);
  if (item?.status === 'sent') {
    // The caller shows it now (the status bar need not say it again).
    await putItem({ ...item, announced: true });
    const answer = answersInMemory.get(payload.id) ?? item.receipt;
    answersInMemory.delete(payload.id);
    return { outcome: 'sent', answer: answer as Receipt };
  }
  answersInMemory.delete(payload.id);
  if (item?.status === 'rejected' && item.rejection) return { outcome: 'rejected', answer: item.rejection };
  rememberQueuedHere(payload.id);
  await registerBackgroundSync();
  globalThis.dispatchEvent?.(new Event(QUEUE_WAITING_EVENT)); // no page listening (a test, a worker): nothing happens
  return { outcome: 'queued' };
}

async function registerBackgroundSync(): Promise<void> {
  try {
    // getRegistration, not `ready`: `ready` never settles when no worker is registered yet.
    const registration = (await globalThis.navigator?.serviceWorker?.getRegistration()) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
    await registration?.sync?.register(SYNC_TAG);
  } catch {
    /* no Background Sync here: the page sends it on the next load or when the connection returns */
  }
}

/** Delay before the next try: 2 s · 2^attempts, capped at 5 minutes; a longer Retry-After wins. */
export function retryDelay(attempts: number, retryAfterS?: number): number {
  const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempts);
  return retryAfterS && Number.isFinite(retryAfterS) ? Math.min(MAX_DELAY_MS, Math.max(backoff, retryAfterS * 1000)) : backoff;
}

/** Retry-After in seconds: a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header?.trim()) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

const isPermanent = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

type SendOutcome = 'sent' | 'retry' | 'rejected';

/** What a phone keeps of the server's answer: the reference, not the partner's name. */
const referenceOnly = (receipt: unknown) => ({ reference: (receipt as { reference?: string } | undefined)?.reference });
/** The server's whole answer to a request a form here is sending now (submit puts its id in), never written to the phone. */
const answersInMemory = new Map<string, unknown>();

async function sendItem(item: QueueItem, fetcher: typeof fetch): Promise<SendOutcome> {
  const attempts = item.attempts + 1;
  let response: Response;
  try {
    response = await fetcher(item.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(item.payload), credentials: 'same-origin' });
  } catch {
    await putItem({ ...item, attempts, nextAttemptAt: Date.now() + retryDelay(item.attempts) });
    return 'retry';
  }
  const body: unknown = await response.json().catch(() => null);
  // Answered for good: only these stay on the phone, nothing the person wrote.
  const kept = { id: item.id, kind: item.kind, url: item.url, createdAt: item.createdAt };
  if (response.ok) {
    // The phone keeps the reference only; the full answer (the partner's name) stays in memory for the form sending it now.
    if (answersInMemory.has(item.id)) answersInMemory.set(item.id, body);
    await putItem({ ...kept, status: 'sent', attempts, nextAttemptAt: 0, sentAt: Date.now(), receipt: referenceOnly(body) });
    return 'sent';
  }
  if (isPermanent(response.status)) {
    await putItem({ ...kept, status: 'rejected', attempts, nextAttemptAt: 0, rejection: { status: response.status, body } });
    return 'rejected';
  }
  const now = Date.now();
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), now);
  await putItem({
    ...item,
    attempts,
    nextAttemptAt: now + retryDelay(item.attempts, retryAfter),
    holdUntil: retryAfter === undefined ? undefined : now + Math.min(MAX_DELAY_MS, retryAfter * 1000),
  });
  return 'retry';
}

/**
 * Sends what is due, oldest first, one at a time; stops at the first item that
 * must wait, so the order is kept. `force` skips the backoff (the connection
 * is back), never a Retry-After. Only one run at a time across the tabs and
 * the service worker (Web Locks, where there are; in this context, always).
 */
export function flush(fetcher: typeof fetch = fetch, { force = false }: { force?: boolean } = {}): Promise<FlushResult> {
  const run = async (): Promise<FlushResult> => {
    for (const item of await listItems()) {
      if (item.status !== 'pending') continue;
      const now = Date.now();
      if ((item.holdUntil ?? 0) > now || (!force && item.nextAttemptAt > now)) break;
      if ((await sendItem(item, fetcher)) === 'retry') break;
    }
    const head = (await listItems()).find((i) => i.status === 'pending');
    return { retryInMs: head ? Math.max(0, Math.max(head.nextAttemptAt, head.holdUntil ?? 0) - Date.now()) : undefined };
  };
  const locks = globalThis.navigator?.locks;
  return oneAtATime(async () => (locks ? await locks.request('sj-queue-flush', run) : run()));
}

let running: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const next = running.then(task, task);
  running = next.catch(() => undefined);
  return next;
}

/**
 * The ids this tab queued (sessionStorage: gone when the tab closes). A request
 * sent later is announced only here: on a shared phone the next person, in
 * another tab or another day, is never told that a request was sent.
 */
const QUEUED_HERE_KEY = 'sj-queued-here';
function queuedHere(): string[] {
  try { return JSON.parse(globalThis.sessionStorage?.getItem(QUEUED_HERE_KEY) ?? '[]') as string[]; } catch { return []; }
}
function rememberQueuedHere(id: string): void {
  try { globalThis.sessionStorage?.setItem(QUEUED_HERE_KEY, JSON.stringify([...new Set([...queuedHere(), id])])); } catch { /* storage off: never announced */ }
}

/** Sent items not yet announced that this tab queued; every unannounced item is marked as told, so no other tab or visit says it. */
export async function takeUnannounced(): Promise<QueueItem[]> {
  const fresh = (await listItems()).filter((i) => i.status === 'sent' && !i.announced);
  for (const item of fresh) await putItem({ ...item, announced: true });
  const here = new Set(queuedHere());
  return fresh.filter((i) => here.has(i.id));
}

/** References of requests this phone sent, newest first: shown only when the person asks, on the help page. */
export async function sentReferences(kind = 'intake'): Promise<{ reference: string; sentAt: number }[]> {
  if (!(await hasQueue())) return [];
  return (await listItems())
    .filter((i) => i.kind === kind && i.status === 'sent')
    .flatMap((i) => { const reference = (i.receipt as { reference?: string } | undefined)?.reference; return reference ? [{ reference, sentAt: i.sentAt ?? i.createdAt }] : []; })
    .reverse();
}

/** Quick exit: forgets every receipt and refusal (what was sent, and that it was); requests still waiting stay and are sent. */
export async function forgetReceipts(): Promise<void> {
  if (!(await hasQueue())) return;
  for (const item of await listItems()) if (item.status !== 'pending') await (await db()).delete(QUEUE_STORE, item.id);
}

/** Whether the queue exists, without creating it by looking. */
export async function hasQueue(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  if (!indexedDB.databases) return true; // cannot tell without opening: assume it may
  return (await indexedDB.databases()).some((d) => d.name === QUEUE_DB);
}

/** Requests written but not yet confirmed (rejected ones hold nothing more to lose). */
export async function countWaiting(kind?: string): Promise<number> {
  if (!(await hasQueue())) return 0;
  return (await listItems()).filter((i) => i.status === 'pending' && (!kind || i.kind === kind)).length;
}

/** For "clear everything": deletes the queue and any other database this site holds. */
export async function deleteAllDatabases(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  await closeQueue();
  const names = indexedDB.databases ? (await indexedDB.databases()).flatMap((d) => (d.name ? [d.name] : [])) : [QUEUE_DB];
  for (const name of names) {
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      // Blocked: another tab still holds it; it closes on `versionchange`, and the person should not wait for it.
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }
}
