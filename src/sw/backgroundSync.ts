/**
 * Background Sync: requests queued offline are sent when the connection
 * returns, even with every page closed. Kept apart from sw.ts (which needs
 * Workbox and a service worker) so it can be tested on its own.
 */
import { flush } from '../client/queue';
import { SYNC_TAG } from '../client/queueNames';

export interface SyncEventLike { tag: string; waitUntil(work: Promise<unknown>): void }

/** Sends the queue; fails while something is still waiting, so the browser fires the sync again later. */
export async function sendQueueOnSync(fetcher: typeof fetch = fetch): Promise<void> {
  // Forced: the browser fires this because the connection is back, so the backoff no longer applies (a Retry-After still does).
  const { retryInMs } = await flush(fetcher, { force: true });
  if (retryInMs !== undefined) throw new Error('requests still waiting');
}

export function handleSync(event: SyncEventLike, fetcher: typeof fetch = fetch): void {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(sendQueueOnSync(fetcher));
}
