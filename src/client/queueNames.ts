/** Names of the phone's request queue (IndexedDB), shared by the queue and "clear everything". */
export const QUEUE_DB = 'sj-queue';
export const QUEUE_STORE = 'requests';
export const SYNC_TAG = 'sj-queue';
