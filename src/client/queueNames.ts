/**
 * Names shared by the queue, the service worker and the pages: kept apart from
 * queue.ts so a page can listen for the queue without loading IndexedDB code.
 */
export const QUEUE_DB = 'sj-queue';
export const QUEUE_STORE = 'requests';
/** The Background Sync tag: the service worker sends the queue when it fires. */
export const SYNC_TAG = 'sj-queue';
/** Dispatched on the page when a submission stays waiting, so the page schedules the next try. */
export const QUEUE_WAITING_EVENT = 'sj-queue-waiting';
